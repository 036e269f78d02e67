import { makeIdNumber } from '@hub/identity';
import { targetGroupLabels } from '@hub/vocabulary';
import type { IntakeColumn, SheetKind } from './IntakeColumn';

// A synthetic, valid number (odd sequence: male) so the template's example row passes validation if uncommented.
const exampleIdNumber = makeIdNumber('410928', '1990-05-12', 31);

/** Columns about the person, on both kinds of sheet. */
export const personColumns: readonly IntakeColumn[] = [
  {
    field: 'name',
    label: '姓名',
    spellings: ['姓名', '名字', '学员姓名', '持证人', '持证人姓名', '人员姓名'],
    required: true,
    parser: 'text',
    note: '必填',
    example: '张三',
  },
  {
    field: 'idNumber',
    label: '身份证号',
    spellings: ['身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '证件号码', '身份证', '身份证件号码', '身份证件号'],
    required: true,
    parser: 'idNumber',
    note: '必填；18位（旧15位亦可），请将该列设为“文本”格式，否则Excel会截断末三位',
    example: exampleIdNumber,
  },
  {
    field: 'sex',
    label: '性别',
    spellings: ['性别'],
    required: false,
    parser: 'sex',
    note: '选填；男/女，须与身份证号一致',
    example: '男',
  },
  {
    field: 'township',
    label: '乡镇',
    spellings: ['乡镇', '乡镇(街道)', '所属乡镇', '乡(镇)', '户籍乡镇', '乡镇名称', '所在乡镇', '乡镇街道'],
    required: false,
    parser: 'text',
    note: '选填；濮阳县乡镇名称（如“柳屯镇”或“柳屯”）或9位统计代码',
    example: '柳屯镇',
  },
  {
    field: 'occupationCode',
    label: '职业编码',
    spellings: ['职业编码', '职业代码', '工种编码', '工种代码', '职业(工种)编码', '职业(工种)代码'],
    required: false,
    parser: 'code',
    note: '选填；《职业分类大典（2022年版）》编码，如 6-31-01-03；与“职业(工种)”至少填一项时以编码为准',
    example: '6-31-01-03',
  },
  {
    field: 'occupationName',
    label: '职业(工种)',
    spellings: ['职业(工种)', '工种', '职业名称', '职业', '职业工种', '工种名称', '职业(工种)名称', '培训工种'],
    required: false,
    parser: 'text',
    note: '选填；大典中的职业名称或常用别名',
    example: '电工',
  },
];

/** Columns of a certificates sheet besides the person's. */
export const certificateColumns: readonly IntakeColumn[] = [
  {
    field: 'kind',
    label: '证书类别',
    spellings: ['证书类别', '证书类型', '证书种类', '证书分类'],
    required: true,
    parser: 'kind',
    note: '必填；职业资格证书/职业技能等级证书/特种作业操作证/特种设备作业人员证/专项职业能力证书/专业技术资格证书/社会工作者职业资格证书/农村实用人才证书/企业经营管理人才证书',
    example: '职业技能等级证书',
  },
  {
    field: 'level',
    label: '等级',
    spellings: ['等级', '技能等级', '证书等级', '职业技能等级', '级别', '职业资格等级', '资格等级', '职称等级', '职称级别'],
    required: false,
    parser: 'level',
    note: '按证书类型填写本类等级：职业资格/职业技能等级证书 五级/初级工 至 一级/高级技师（或 1-5）；专业技术资格证书 初级/中级/副高级/正高级（会计 初级/中级/高级，高级会计师为副高级）；社会工作者证书 助理社会工作师/社会工作师/高级社会工作师；其他证书不分等级。无法识别的等级按“等级不明”导入并提示',
    example: '四级/中级工',
  },
  {
    field: 'certificateNumber',
    label: '证书编号',
    spellings: ['证书编号', '证书号', '证书号码', '证书编码'],
    required: true,
    parser: 'code',
    note: '必填；同一证书编号重复导入只更新不重复计数',
    example: 'S000041092800001',
  },
  {
    field: 'issuingBody',
    label: '发证机构',
    spellings: ['发证机构', '发证单位', '颁证机构', '发证机关', '颁证单位'],
    required: true,
    parser: 'text',
    note: '必填',
    example: '濮阳县职业技能鉴定中心',
  },
  {
    field: 'issuedOn',
    label: '发证日期',
    spellings: ['发证日期', '发证时间', '取证日期', '取证时间', '颁证日期', '颁证时间'],
    required: true,
    parser: 'date',
    note: '必填；2023-05-01、2023/5/1、2023.5.1、2023年5月1日、20230501 或Excel日期',
    example: '2023-05-01',
  },
  {
    field: 'validUntil',
    label: '有效期至',
    spellings: ['有效期至', '有效期', '有效截止日期', '有效期截止', '有效期截止日期', '有效期限至', '有效期限', '到期日期'],
    required: false,
    parser: 'date',
    note: '选填；长期有效则留空',
    example: '',
  },
  {
    field: 'status',
    label: '证书状态',
    spellings: ['证书状态', '状态'],
    required: false,
    parser: 'status',
    note: '选填，默认有效；有效/已撤销/已注销。已撤销、已注销请同时填写“撤销日期”：未填日期的证书照常导入，但补充日期前不计入任何日期的持证人数',
    example: '有效',
  },
  {
    field: 'revokedOn',
    label: '撤销日期',
    spellings: ['撤销日期', '撤销时间', '注销日期', '吊销日期'],
    required: false,
    parser: 'date',
    note: '证书状态为“已撤销”或“已注销”时填写：证书自该日起不再计入；未填则在补充前不计入任何日期',
    example: '',
  },
  {
    field: 'revokeReason',
    label: '撤销原因',
    spellings: ['撤销原因', '注销原因', '吊销原因'],
    required: false,
    parser: 'text',
    note: '选填',
    example: '',
  },
];

/** Columns of a trainings sheet besides the person's. */
export const trainingColumns: readonly IntakeColumn[] = [
  {
    field: 'programme',
    label: '培训项目',
    spellings: ['培训项目', '项目名称', '培训项目名称', '培训班名称', '培训班次', '培训班'],
    required: true,
    parser: 'text',
    note: '必填；同一人同一项目同一开始日期视为同一次培训',
    example: '2024年电工技能提升培训班',
  },
  {
    field: 'channel',
    label: '培训渠道',
    spellings: ['培训渠道', '渠道'],
    required: true,
    parser: 'channel',
    note: '必填；企业职工全员培训/学校技能培训及机关事业单位干部职工培训/社会培训机构及新型职业农民培训（或简称 企业/学校/社会）',
    example: '企业职工全员培训',
  },
  {
    field: 'targetGroup',
    label: '培训对象',
    spellings: ['培训对象', '人员类别', '对象类别', '学员类别', '人员类型'],
    required: true,
    parser: 'targetGroup',
    note: `必填；${Object.values(targetGroupLabels).join('/')}`,
    example: '企业职工',
  },

  {
    field: 'provider',
    label: '培训机构',
    spellings: ['培训机构', '培训单位', '承训机构', '培训机构名称', '承训单位'],
    required: true,
    parser: 'text',
    note: '必填',
    example: '濮阳县职业培训学校',
  },
  {
    field: 'startDate',
    label: '开始日期',
    spellings: ['开始日期', '开班日期', '培训开始日期', '开始时间', '开班时间', '培训开始时间'],
    required: true,
    parser: 'date',
    note: '必填；日期写法同“发证日期”',
    example: '2024-03-01',
  },
  {
    field: 'endDate',
    label: '结束日期',
    spellings: ['结束日期', '结业日期', '培训结束日期', '结束时间', '结业时间', '培训结束时间'],
    required: false,
    parser: 'date',
    note: '选填',
    example: '2024-03-15',
  },
  {
    field: 'hours',
    label: '课时',
    spellings: ['课时', '学时', '培训课时', '培训学时', '课时数', '学时数'],
    required: false,
    parser: 'integer',
    note: '选填；0-10000 的整数',
    example: 64,
  },
  {
    field: 'outcome',
    label: '是否结业',
    spellings: ['是否结业', '结业情况', '培训结果', '结业状态', '培训状态'],
    required: true,
    parser: 'outcome',
    note: '必填；是/结业、否/未结业、在训',
    example: '是',
  },
  {
    field: 'directedKind',
    label: '订单/定向',
    spellings: ['订单/定向', '订单定向', '订单式/定向式', '订单或定向', '是否订单定向', '订单定向培训', '定向培训'],
    required: false,
    parser: 'directedKind',
    note: '选填；订单式培训/定向式培训，不是则留空或填“否”；整列不填时保留已登记的标记',
    example: '',
  },
];

/** Standard columns of each kind of sheet, person columns first. */
export function standardColumns(kind: SheetKind): readonly IntakeColumn[] {
  return [...personColumns, ...(kind === 'certificates' ? certificateColumns : trainingColumns)];
}
