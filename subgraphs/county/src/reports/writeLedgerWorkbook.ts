import ExcelJS from 'exceljs';
import { Department, departmentLabels, planTargets } from '@hub/vocabulary';
import type { ChannelLedger, DepartmentLedger, LedgerCount, LedgerRow, ProgressLedger, RowTargets } from '../ledger/ProgressLedgerService';
import { isLagging, paceOf } from '../ledger/ProgressLedgerService';
import type { TownshipTargetRow } from './townshipTargetRows';

/** One line of the 调度表: a figure of one row of the ledger, with its months for the 按月 sheet. */
export interface ReportLine {
  category: string;
  name: string;
  measure: string;
  value: number;
  yearToDate: number;
  target: number | null;
  ratio: number | null;
  elapsedShare: number | null;
  pace: number | null;
  lagging: boolean;
  note: string | null;
  months: number[];
}

export const LEDGER_SHEET = '调度表';
export const MONTHS_SHEET = '按月';
export const TOWNSHIPS_SHEET = '乡镇';
export const NOTES_SHEET = '说明';
/** Rows above the column headers of 调度表 and 按月: the title and the period line. */
export const HEADER_ROW = 3;
export const ledgerColumns = [
  '类别',
  '名称',
  '指标',
  '本期',
  '年累计',
  '年度目标',
  '完成率',
  '时序进度',
  '进度比',
  '状态',
  '说明',
] as const;

const measures = [
  ['培训人次', 'trained', 'cumulativeTrained', 'trainedRatio'],
  ['取证人数', 'certified', 'cumulativeCertified', 'certifiedRatio'],
  ['其中高级工及以上', 'certifiedSeniorOrAbove', 'cumulativeCertifiedSeniorOrAbove', 'certifiedSeniorOrAboveRatio'],
] as const satisfies readonly (readonly [string, keyof LedgerRow & keyof RowTargets, keyof LedgerRow, keyof LedgerRow])[];

function rowLines(
  category: string,
  name: string,
  part: Pick<DepartmentLedger, 'total' | 'months'>,
  targets: RowTargets | null,
): ReportLine[] {
  return measures.map(([measure, key, cumulative, ratioKey]) => {
    const ratio = part.total[ratioKey];
    const pace = paceOf(ratio, part.total.elapsedShare);
    return {
      category,
      name,
      measure,
      value: part.total[key],
      yearToDate: part.total[cumulative],
      target: targets?.[key] ?? null,
      ratio,
      elapsedShare: part.total.elapsedShare,
      pace,
      lagging: isLagging(pace),
      note: null,
      months: part.months.map((m) => m[key]),
    };
  });
}

function countLine(count: LedgerCount, elapsedShare: number): ReportLine {
  const planPeriod = count.annualTarget === null && count.planTarget !== null;
  return {
    category: '专项',
    name: count.label,
    measure: '人数',
    value: count.value,
    yearToDate: count.yearToDate,
    target: planPeriod ? count.planTarget : count.annualTarget,
    ratio: count.ratio,
    elapsedShare: planPeriod ? null : elapsedShare,
    pace: count.pace,
    lagging: count.lagging,
    note:
      [planPeriod ? `目标为规划期（2022—2025）目标，完成率 = 规划期累计 ${count.sincePlanStart ?? 0} ÷ 规划期目标` : null, count.note]
        .filter(Boolean)
        .join('；') || null,
    months: count.months.map((m) => m.value),
  };
}

/**
 * The lines of the 调度表, in the order a clerk reads them: departments over the three channels, each channel with
 * its departments, certificates no channel takes, then the county's special counts. With `department`, only that
 * department's lines (its total, its part of each channel, its unattributed certificates).
 */
export function ledgerReportLines(ledger: ProgressLedger, department?: Department): ReportLine[] {
  const mine = (d: Department) => department === undefined || d === department;
  const lines: ReportLine[] = [];
  for (const d of ledger.departments.filter((x) => mine(x.department))) lines.push(...rowLines('部门', d.label, d, d.targets));
  for (const channel of ledger.channels) {
    if (department === undefined) lines.push(...rowLines('渠道', channel.label, channel, channel.targets));
    for (const d of channel.byDepartment.filter((x) => mine(x.department)))
      lines.push(...rowLines('渠道·部门', `${channel.label}·${d.label}`, d, d.targets));
  }
  for (const d of ledger.unattributed.filter((x) => mine(x.department))) {
    lines.push(...rowLines('未归入渠道', d.label, d, null).filter((l) => l.measure !== '培训人次'));
  }
  if (department === undefined) {
    for (const count of [ledger.apprentices, ledger.directedTraining, ledger.certifiedEmployment, ledger.newUrbanJobs])
      lines.push(countLine(count, ledger.elapsedShare));
  }
  return lines;
}

const NUMBER = '#,##0';
const PERCENT = '0.0%';
const PACE = '0.00';
const LAGGING_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E1' } };

/** Where a channel comes from in the plan, for the notes sheet. */
const channelClause = (c: ChannelLedger) =>
  `二(一)第${planTargets().annualChannels.find((p) => p.key === c.key)?.clause ?? '?'}条 ${c.label}`;

/**
 * 调度报表: the ledger of one period as the county 人社局 hands it upward. Sheets 调度表 (per department and channel:
 * this period, year to date, annual target, ratio, share of the year elapsed, pace, lagging rows marked), 按月 (the
 * period's months), 乡镇 (when given: holders against the township targets) and 说明 (period, as-of date, rules and the plan clauses). Chinese names, frozen headers, number formats.
 */
export async function writeLedgerWorkbook(
  ledger: ProgressLedger,
  options: { department?: Department; county?: string; generatedBy?: string; townships?: TownshipTargetRow[] } = {},
): Promise<Buffer> {
  const lines = ledgerReportLines(ledger, options.department);
  const scope = options.department ? departmentLabels[options.department] : (options.county ?? planTargets().county.name);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = options.generatedBy ?? 'skills hub';
  workbook.created = new Date();

  const title = (sheet: ExcelJS.Worksheet, text: string, span: number) => {
    sheet.mergeCells(1, 1, 1, span);
    sheet.getCell(1, 1).value = text;
    sheet.getCell(1, 1).font = { bold: true, size: 14 };
    sheet.getCell(1, 1).alignment = { horizontal: 'center' };
    sheet.getCell(2, 1).value =
      `期间 ${ledger.from} 至 ${ledger.to}；统计截至 ${ledger.asOf}；时序进度 ${(ledger.elapsedShare * 100).toFixed(1)}%`;
  };
  const header = (sheet: ExcelJS.Worksheet, names: readonly string[]) => {
    const row = sheet.getRow(HEADER_ROW);
    names.forEach((name, i) => (row.getCell(i + 1).value = name));
    row.font = { bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    sheet.views = [{ state: 'frozen', xSplit: 3, ySplit: HEADER_ROW }];
  };

  const main = workbook.addWorksheet(LEDGER_SHEET);
  title(main, `${scope}技能人才培训取证调度表（${ledger.periodLabel}）`, ledgerColumns.length);
  header(main, ledgerColumns);
  [12, 34, 16, 12, 12, 12, 10, 10, 10, 8, 60].forEach((width, i) => (main.getColumn(i + 1).width = width));
  for (const [i, format] of [NUMBER, NUMBER, NUMBER, PERCENT, PERCENT, PACE].entries()) main.getColumn(4 + i).numFmt = format;
  for (const line of lines) {
    const row = main.addRow([
      line.category,
      line.name,
      line.measure,
      line.value,
      line.yearToDate,
      line.target,
      line.ratio,
      line.elapsedShare,
      line.pace,
      line.lagging ? '滞后' : '',
      line.note,
    ]);
    if (line.lagging) row.eachCell({ includeEmpty: true }, (cell) => (cell.fill = LAGGING_FILL));
  }

  const monthly = workbook.addWorksheet(MONTHS_SHEET);
  const monthNames = ledger.channels[0]?.months.map((m) => m.period) ?? [];
  title(monthly, `${scope}按月调度（${ledger.periodLabel}）`, 3 + monthNames.length);
  header(monthly, ['类别', '名称', '指标', ...monthNames]);
  [12, 34, 16].forEach((width, i) => (monthly.getColumn(i + 1).width = width));
  monthNames.forEach((_, i) => {
    monthly.getColumn(4 + i).width = 10;
    monthly.getColumn(4 + i).numFmt = NUMBER;
  });
  for (const line of lines) monthly.addRow([line.category, line.name, line.measure, ...line.months]);

  if (options.townships) {
    const townships = workbook.addWorksheet(TOWNSHIPS_SHEET);
    title(townships, `${scope}各乡镇持证人员（截至 ${ledger.asOf}）`, 5);
    header(townships, ['乡镇代码', '乡镇', '持证人员', '年度目标', '完成率']);
    [12, 16, 12, 12, 10].forEach((width, i) => (townships.getColumn(i + 1).width = width));
    townships.getColumn(3).numFmt = NUMBER;
    townships.getColumn(4).numFmt = NUMBER;
    townships.getColumn(5).numFmt = PERCENT;
    for (const t of options.townships) townships.addRow([t.code, t.name, t.holders, t.target, t.ratio]);
  }

  const notes = workbook.addWorksheet(NOTES_SHEET);
  notes.getColumn(1).width = 18;
  notes.getColumn(2).width = 110;
  const note = (label: string, text: string) => notes.addRow([label, text]);
  notes.addRow(['项目', '说明']).font = { bold: true };
  notes.views = [{ state: 'frozen', ySplit: 1 }];
  note('报表', `${scope}技能人才培训取证调度表，${ledger.periodLabel}（${ledger.period}）`);
  note('依据', '濮阳县高质量推进“人人持证、技能河南”建设工作方案 三(二)：建立工作台账，实行月调度、季通报、半年督导、全年总结');
  note('期间', `${ledger.from} 至 ${ledger.to}；统计截至 ${ledger.asOf}（期间未结束时为当日）`);
  note('时序进度', `截至 ${ledger.asOf} 已过全年天数的 ${(ledger.elapsedShare * 100).toFixed(1)}%（自1月1日起的天数 ÷ 全年天数）`);
  note(
    '完成率',
    '年累计 ÷ 年度目标。年度目标：渠道合计取自方案二(一)第1—3条（县级管理员可调整），部门×渠道目标由县级管理员录入（setAnnualTarget，留存设定人、时间和依据）；部门合计为其各渠道目标之和；无目标的行不计完成率',
  );
  note('进度比', '完成率 ÷ 时序进度：1.00 为按时序推进，低于 1.00 的行标为“滞后”（浅红底）');
  note('培训人次', '期间内开班的培训（退学的不计），各部门变更流中的记录');
  note(
    '取证人数',
    '期间内取得证书且期末未撤销的人数（去重）；证书归入持证人在同一部门最近一次（不晚于发证日）培训的渠道，无此培训的列为“未归入渠道”',
  );
  note('其中高级工及以上', '三级/高级工及以上的技能类证书（方案二(一)第1—3条“其中取得高级工以上证书”）');
  for (const channel of ledger.channels) note('渠道', channelClause(channel));
  note(
    '专项',
    '企业新型学徒制（二(一)第1条，每年不少于200人）、定向式培训（第2条，每年不少于500人）、持证就业和城镇新增就业（领导小组办公室按月录入，城镇新增就业为规划期目标 55,000 人）',
  );
  if (options.townships)
    note(
      '乡镇',
      `各乡镇持证人员（截至 ${ledger.asOf}，去重）对照县级管理员设定的乡镇年度目标（方案“县级统筹、乡级实施”）；方案未给出乡镇目标`,
    );
  note('考核指标', '方案三(二)：以持证率、就业率、增收率考核各部门');
  for (const c of ledger.directedTraining.note ? [ledger.directedTraining.note] : []) note('数据时效', c);
  note('生成', `${new Date().toISOString()}${options.generatedBy ? `，${options.generatedBy}` : ''}`);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
