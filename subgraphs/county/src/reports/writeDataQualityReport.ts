import type { Writable } from 'node:stream';
import { createTableWriter, TableFormat } from '@hub/intake';
import { Department, departmentLabels, sexLabels, townshipByCode } from '@hub/vocabulary';
import type { DataQualityRepository, KeyPage } from '../repositories/DataQualityRepository';
import { disagreeingFields } from '../resolvers/DataQuality';

/** Rows per read: the lists are read page by page, so a long list never sits in memory whole. */
const PAGE = 1000;

const fieldLabels = { NAME: '姓名', SEX: '性别', BIRTH_YEAR: '出生年份', TOWNSHIP: '乡镇' } as const;
const label = (d: Department) => departmentLabels[d] ?? d;
const townshipName = (code: string | null) => (code ? (townshipByCode(code)?.name ?? code) : null);

async function* pages<T>(load: (first: number, after: string | undefined) => Promise<KeyPage<T>>): AsyncGenerator<T[]> {
  let after: string | undefined;
  for (;;) {
    const page = await load(PAGE, after);
    yield page.rows;
    if (!page.hasNextPage || page.rows.length === 0) return;
    after = page.keyOf(page.rows[page.rows.length - 1]);
  }
}

/**
 * 数据质量报告: the dataQuality lists (all departments, or one) as a workbook with Chinese sheet and column
 * names: 汇总, 人员信息不一致 (one row per department's copy), 证书编号重复, 无法归类的培训, 无法归入渠道的证书,
 * 撤销未填日期, 导入被拒的行. Persons appear by masked ID number only.
 */
export async function writeDataQualityReport(
  quality: DataQualityRepository,
  scope: readonly Department[],
  department: Department | undefined,
  format: TableFormat,
  writable: Writable,
): Promise<void> {
  const out = createTableWriter(format, writable);
  out.table('汇总', [
    { header: '部门', width: 24 },
    { header: '信息不一致人数', type: 'number' },
    { header: '重复证书编号数', type: 'number' },
    { header: '无法归类培训数', type: 'number' },
    { header: '无法归入渠道证书数', type: 'number' },
    { header: '撤销未填日期证书数', type: 'number' },
    { header: '最近一次导入被拒单元格数', type: 'number' },
    { header: '最近一次导入时间', width: 24 },
    { header: '最近一次导入文件', width: 30 },
  ]);
  for (const c of await quality.counts(scope)) {
    await out.row([
      label(c.department),
      c.personConflicts,
      c.repeatedCertificateNumbers,
      c.unattributedTrainings,
      c.unattributedCertificates,
      c.undatedWithdrawals,
      c.refusedRows,
      c.lastImportAt,
      c.lastImportFile,
    ]);
  }

  out.table('人员信息不一致', [
    { header: '身份证号（脱敏）', width: 20 },
    { header: '不一致的字段', width: 20 },
    { header: '部门', width: 24 },
    { header: '姓名', width: 12 },
    { header: '性别', width: 6 },
    { header: '出生年份', type: 'number' },
    { header: '乡镇', width: 16 },
    { header: '更新时间', width: 24 },
  ]);
  for await (const personIds of pages((first, after) => quality.conflictPersons(department, first, after))) {
    const copies = await quality.personCopies(personIds);
    for (const personId of personIds) {
      const all = copies.filter((c) => c.personId === personId);
      const fields = disagreeingFields(all)
        .map((f) => fieldLabels[f])
        .join('、');
      for (const c of all.filter((x) => !department || x.department === department)) {
        await out.row([
          c.idNumberMasked,
          fields,
          label(c.department),
          c.name,
          sexLabels[c.sex] ?? c.sex,
          c.birthYear,
          townshipName(c.townshipCode),
          c.updatedAt,
        ]);
      }
    }
  }

  out.table('证书编号重复', [
    { header: '证书编号', width: 24 },
    { header: '部门', width: 24 },
    { header: '部门内证书标识', width: 16 },
    { header: '证书类别', width: 20 },
    { header: '发证日期', type: 'date' },
    { header: '证书状态', width: 10 },
  ]);
  for await (const numbers of pages((first, after) => quality.repeatedNumbers(department, first, after))) {
    for (const h of await quality.holdingsByNumbers(numbers)) {
      if (!department || h.department === department)
        await out.row([h.certificateNumber, label(h.department), h.certificateId, h.kind, h.issuedOn, h.status]);
    }
  }

  out.table('无法归类的培训', [
    { header: '部门', width: 24 },
    { header: '部门内培训标识', width: 16 },
    { header: '培训渠道', width: 16 },
    { header: '培训对象', width: 16 },
    { header: '开始日期', type: 'date' },
  ]);
  for await (const rows of pages((first, after) => quality.unattributedTrainings(department, first, after))) {
    for (const t of rows) await out.row([label(t.department), t.trainingId, t.channel, t.targetGroup, t.startDate]);
  }

  const certificates = async (name: string, load: typeof quality.undatedWithdrawals) => {
    out.table(name, [
      { header: '部门', width: 24 },
      { header: '部门内证书标识', width: 16 },
      { header: '证书编号', width: 24 },
      { header: '证书类别', width: 20 },
      { header: '发证日期', type: 'date' },
      { header: '证书状态', width: 10 },
    ]);
    for await (const rows of pages((first, after) => load(department, first, after))) {
      for (const h of rows) await out.row([label(h.department), h.certificateId, h.certificateNumber, h.kind, h.issuedOn, h.status]);
    }
  };
  await certificates('无法归入渠道的证书', (...args) => quality.unattributedCertificates(...args));
  await certificates('撤销未填日期', (...args) => quality.undatedWithdrawals(...args));

  out.table('导入被拒的行', [
    { header: '部门', width: 24 },
    { header: '导入时间', width: 24 },
    { header: '文件', width: 30 },
    { header: '行号', type: 'number' },
    { header: '列', width: 16 },
    { header: '单元格内容', width: 24 },
    { header: '原因', width: 60 },
  ]);
  for await (const rows of pages((first, after) => quality.lastImportRefusals(department, first, after))) {
    for (const r of rows) await out.row([label(r.department), r.importedAt, r.file, r.row, r.column, r.value, r.reason]);
  }
  await out.close();
}
