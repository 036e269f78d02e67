import { department as agriculture } from '@hub/subgraph-agriculture/src/department';
import { department as civilAffairs } from '@hub/subgraph-civil-affairs/src/department';
import { department as education } from '@hub/subgraph-education/src/department';
import { department as finance } from '@hub/subgraph-finance/src/department';
import { department as hrss } from '@hub/subgraph-hrss/src/department';
import { department as veterans } from '@hub/subgraph-veterans/src/department';
import { extraColumnLabels } from './extraColumnLabels';
import { intakeColumns } from './intakeColumns';
import { sheetKinds } from './IntakeColumn';
import { columnForHeader, HeaderMatch, matchHeaderRow } from './matchHeaderRow';
import { normalizeHeader } from './normalizeHeader';

const all = [hrss, education, agriculture, veterans, civilAffairs, finance];

function header(cells: (string | null)[], definition = education): HeaderMatch {
  const match = matchHeaderRow(definition, cells, 1);
  if (!match || match === 'ambiguous') throw new Error(`not a header: ${cells.join(',')}`);
  return match;
}

describe('normalizeHeader', () => {
  it('folds width, spaces, line breaks, required markers and a trailing colon', () => {
    expect(normalizeHeader(' 职业（工种） ')).toBe('职业(工种)');
    expect(normalizeHeader('身份证\n号码*')).toBe('身份证号码');
    expect(normalizeHeader('姓　名（必填）：')).toBe('姓名');
  });
});

describe('columnForHeader', () => {
  it.each([
    ['身份证号', 'idNumber'],
    ['身份证号码', 'idNumber'],
    ['公民身份号码', 'idNumber'],
    ['证件号码', 'idNumber'],
    ['职业(工种)', 'occupationName'],
    ['职业（工种）', 'occupationName'],
    ['工种', 'occupationName'],
    ['职业名称', 'occupationName'],
    ['发证日期', 'issuedOn'],
    ['发证时间', 'issuedOn'],
    ['取证日期', 'issuedOn'],
    ['有效期至', 'validUntil'],
    ['有效期', 'validUntil'],
    ['有效截止日期', 'validUntil'],
    ['证书类别', 'kind'],
    ['证书类型', 'kind'],
    ['证书种类', 'kind'],
    ['等级', 'level'],
    ['技能等级', 'level'],
    ['证书等级', 'level'],
    ['发证日期(格式:2023-05-01)', 'issuedOn'],
    ['学校', 'school'],
    ['专业', 'major'],
  ])('certificates: %s → %s', (text, field) => {
    expect(columnForHeader(education, 'certificates', text)?.field).toBe(field);
  });

  it.each([
    ['是否结业', 'outcome'],
    ['结业情况', 'outcome'],
    ['培训结果', 'outcome'],
    ['培训渠道', 'channel'],
    ['培训对象', 'targetGroup'],
    ['课时', 'hours'],
    ['学时', 'hours'],
    ['开班日期', 'startDate'],
  ])('trainings: %s → %s', (text, field) => {
    expect(columnForHeader(education, 'trainings', text)?.field).toBe(field);
  });

  it("reads each department's own columns", () => {
    expect(columnForHeader(agriculture, 'trainings', '合作社')?.field).toBe('cooperative');
    expect(columnForHeader(agriculture, 'trainings', '家庭农场')?.field).toBe('farm');
    expect(columnForHeader(agriculture, 'trainings', '产业')?.field).toBe('industry');
    expect(columnForHeader(veterans, 'certificates', '退役年份')?.field).toBe('dischargeYear');
    expect(columnForHeader(civilAffairs, 'trainings', '机构')?.field).toBe('institution');
    expect(columnForHeader(finance, 'certificates', '用人单位')?.field).toBe('employer');
    expect(columnForHeader(finance, 'certificates', '国有企业')?.field).toBe('employer');
    expect(columnForHeader(hrss, 'trainings', '企业')?.field).toBe('enterprise');
    expect(columnForHeader(hrss, 'trainings', '企业新型学徒制')?.field).toBe('apprenticeship');
    expect(columnForHeader(hrss, 'certificates', '评价机构')?.field).toBe('evaluationInstitution');
    // Not education's column.
    expect(columnForHeader(education, 'certificates', '评价机构')).toBeUndefined();
  });

  it('has a Chinese label for every column of every department', () => {
    for (const definition of all) {
      for (const kind of sheetKinds) {
        for (const column of intakeColumns(definition, kind).filter((c) => c.extra)) {
          expect(extraColumnLabels[column.field]).toBeDefined();
          expect(column.label).toMatch(/[\u4e00-\u9fff]/);
        }
      }
    }
  });

  it('never gives one header to two columns of a department (the lookup would throw)', () => {
    for (const definition of all) for (const kind of sheetKinds) expect(() => columnForHeader(definition, kind, '姓名')).not.toThrow();
  });
});

describe('matchHeaderRow', () => {
  it('detects a certificates sheet and keeps the headers as written', () => {
    const match = header(['序号', '姓名', '身份证号码', '证书类型', '证书编号', '发证单位', '发证时间', '备注']);
    expect(match.kind).toBe('certificates');
    expect(match.byField.get('idNumber')).toMatchObject({ index: 2, header: '身份证号码' });
    expect(match.ignored).toEqual(['序号', '备注']);
    expect(match.missing).toEqual([]);
  });

  it('detects a trainings sheet', () => {
    const match = header(['姓名', '公民身份号码', '培训项目', '培训渠道', '培训对象', '培训机构', '开班日期', '是否结业']);
    expect(match.kind).toBe('trainings');
    expect(match.missing).toEqual([]);
  });

  it('names the required columns a header lacks', () => {
    const match = header(['姓名', '身份证号', '证书编号', '发证日期']);
    expect(match.missing.map((c) => c.label)).toEqual(['证书类别', '发证机构']);
  });

  it('reports columns headed twice', () => {
    const match = header(['姓名', '身份证号', '公民身份号码', '证书编号']);
    expect(match.duplicates).toEqual([{ label: '身份证号', headers: ['身份证号', '公民身份号码'] }]);
  });

  it('is not fooled by a title row or a data row', () => {
    expect(matchHeaderRow(education, ['濮阳县2024年职业技能等级证书登记表', null, null], 1)).toBeUndefined();
    expect(matchHeaderRow(education, ['张三', '410928199005120312', '职业技能等级证书'], 4)).toBeUndefined();
    expect(matchHeaderRow(education, ['姓名', '身份证号', '学校'], 2)).toBeUndefined();
  });

  it('refuses to guess between certificates and trainings', () => {
    expect(matchHeaderRow(education, ['姓名', '身份证号', '证书编号', '培训项目'], 1)).toBe('ambiguous');
  });
});
