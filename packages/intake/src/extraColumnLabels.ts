import type { CellParser } from './IntakeColumn';

/** How a department's own column is headed and read; keyed by the property name in department.ts. */
export interface ExtraColumnLabel {
  label: string;
  spellings: readonly string[];
  /** Overrides the parser implied by the database type (text for varchar, integer for int). */
  parser?: CellParser;
  note: string;
  example: string | number;
}

/** Chinese headers of the departments' own columns (subgraphs/*\/src/department.ts). */
export const extraColumnLabels: Readonly<Record<string, ExtraColumnLabel>> = {
  school: {
    label: '学校',
    spellings: ['学校', '学校名称', '就读学校', '所在学校', '毕业学校', '院校'],
    note: '选填；学校名称',
    example: '濮阳县职业教育培训中心',
  },
  major: { label: '专业', spellings: ['专业', '专业名称', '所学专业', '就读专业'], note: '选填', example: '电气运行与控制' },
  cooperative: {
    label: '合作社',
    spellings: ['合作社', '农民专业合作社', '所在合作社', '合作社名称'],
    note: '选填',
    example: '濮阳县绿源蔬菜种植专业合作社',
  },
  farm: { label: '家庭农场', spellings: ['家庭农场', '农场', '家庭农场名称'], note: '选填', example: '' },
  industry: { label: '产业', spellings: ['产业', '主导产业', '从事产业', '产业类别'], note: '选填', example: '蔬菜种植' },
  dischargeYear: {
    label: '退役年份',
    spellings: ['退役年份', '退役时间', '退伍年份', '退伍时间', '退役年度'],
    parser: 'year',
    note: '选填；四位年份，如 2015',
    example: 2015,
  },
  institution: {
    label: '机构',
    spellings: ['机构', '服务机构', '所在机构', '机构名称', '所在单位'],
    note: '选填；养老、儿童福利、殡葬等服务机构',
    example: '濮阳县社会福利中心',
  },
  employer: {
    label: '国有企业/用人单位',
    spellings: ['国有企业/用人单位', '用人单位', '国有企业', '工作单位', '所在单位', '所在企业'],
    note: '选填',
    example: '濮阳县供水有限公司',
  },
  enterprise: {
    label: '企业',
    spellings: ['企业', '企业名称', '所在企业', '用工企业', '工作单位'],
    note: '选填',
    example: '濮阳县某机械有限公司',
  },
  apprenticeship: {
    label: '企业新型学徒制',
    spellings: ['企业新型学徒制', '是否企业新型学徒制', '新型学徒制', '是否新型学徒制', '学徒制'],
    parser: 'yesNo',
    note: '选填；是/否',
    example: '否',
  },
  evaluationInstitution: {
    label: '评价机构',
    spellings: ['评价机构', '评价机构名称', '认定机构', '技能等级认定机构', '第三方评价机构', '职业技能等级认定机构'],
    note: '选填；职业技能等级认定的评价机构',
    example: '濮阳县某职业技能等级认定机构',
  },
};
