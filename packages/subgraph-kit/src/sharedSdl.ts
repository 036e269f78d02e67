import { vocabularySdl } from '@hub/vocabulary';

/**
 * Types every department subgraph declares identically: the vocabulary enums, the Date scalar,
 * and the shareable value types. Appended to each department's schema.graphql.
 */
export const sharedSdl = `
${vocabularySdl}

"""日期 calendar date, ISO 8601 (YYYY-MM-DD)"""
scalar Date

"""金额(分) money in integer fen (1 yuan = 100 fen), exact up to 2^53"""
scalar Fen

"""证书等级 a certificate's level within its kind's own ladder (技能等级、职称级别、社会工作者级别)"""
type CertificateGrade @shareable {
  "等级代码 e.g. SKILL_3, TITLE_INTERMEDIATE, SOCIAL_WORKER_SENIOR; UNKNOWN when what was written is not on the kind's ladder"
  code: CertificateGradeCode!
  "中文名称 e.g. 三级/高级工, 中级, 高级社会工作师, 等级不明"
  label: String!
  "填写的等级 the level as the department wrote it, kept so an UNKNOWN can be corrected; null when not written"
  written: String
}

"""分页信息 page information of a cursor connection"""
type PageInfo @shareable {
  hasNextPage: Boolean!
  "Cursor of the last edge; pass it as \`after\` to get the next page."
  endCursor: String
}

"""乡镇 one of the county's 20 townships (official statistical code)"""
type Township @shareable {
  "统计用区划代码 9-digit statistical code, e.g. 410928101"
  code: String!
  "名称 e.g. 柳屯镇"
  name: String!
}

"""职业(工种) an occupation of the 2022 national classification"""
type Occupation @shareable {
  "职业编码 e.g. 6-18-02-04"
  code: String!
  "职业名称 e.g. 焊工"
  name: String!
}

"""证书筛选 filter for certificate lists; all given conditions must hold"""
input CertificateFilter {
  "乡镇 township name or code"
  township: String
  kind: CertificateKind
  talentCategory: TalentCategory
  level: SkillLevel
  "本类证书的等级 level within the kind's ladder; UNKNOWN lists the levels still to be corrected"
  grade: CertificateGradeCode
  "职业编码 occupation code"
  occupation: String
  status: CertificateStatus
  "发证日期起 issued on or after"
  issuedFrom: Date
  "发证日期止 issued on or before"
  issuedTo: Date
}

"""培训筛选 filter for training lists; all given conditions must hold"""
input TrainingFilter {
  "乡镇 township name or code"
  township: String
  channel: TrainingChannel
  "培训对象 target group"
  targetGroup: TargetGroup
  "职业编码 occupation code"
  occupation: String
  "订单式/定向式 true lists only directed trainings, false only the others"
  directed: Boolean
  "开始日期起 started on or after"
  startFrom: Date
  "开始日期止 started on or before"
  startTo: Date
}
`;
