/** A department-specific field on its Training/Certificate types and inputs. */
export interface ExtraField {
  name: string;
  /** GraphQL type, e.g. String or Int. */
  type: string;
  description: string;
}

export interface DepartmentSdlOptions {
  /** e.g. CivilAffairs */
  prefix: string;
  /** e.g. civilAffairs */
  field: string;
  /** e.g. 民政局 */
  label: string;
  /** What the department's certificates and trainings are, in a few words of Chinese. */
  certificatesLabel: string;
  trainingsLabel: string;
  training: ExtraField[];
  certificate: ExtraField[];
}

const fieldLines = (fields: ExtraField[], indent = '  ') =>
  fields.map((f) => `${indent}"${f.description}"\n${indent}${f.name}: ${f.type}`).join('\n');

/** The standard schema.graphql of a department subgraph; the department then owns and extends it. */
export function departmentSdl(o: DepartmentSdlOptions): string {
  const { prefix: P, field: f, label: L } = o;
  return `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])

"""人员 a person, identified across departments by a key derived from the ID number"""
type Person @key(fields: "id") {
  "人员标识 person id (HMAC of the ID number; never the number itself)"
  id: ID!
  "${L} records of this person (null, with an error naming the department, when the caller may not see them or the department is unavailable)"
  ${f}: ${P}Records
}

"""${L}记录 what the ${L} holds on one person"""
type ${P}Records {
  "本部门登记的人员信息 the person as this department registered them (null when unknown here)"
  person: ${P}Person
  "${o.certificatesLabel} certificates recorded by the ${L}"
  certificates: [${P}Certificate!]!
  "${o.trainingsLabel} trainings recorded by the ${L}"
  trainings: [${P}Training!]!
}

"""本部门登记的人员 a person as the ${L} registered them"""
type ${P}Person {
  "姓名 name"
  name: String!
  "身份证号(脱敏) masked ID number: the address code only, e.g. 410928************"
  idNumberMasked: String!
  """
  完整身份证号 the full ID number, for the county administrator and this department's staff only.
  A purpose must be stated; every reveal is written to the audit log.
  """
  idNumber(purpose: String!): String!
  sex: Sex!
  "出生日期 birth date (from the ID number); for the county administrator only, null for everyone else (with the mask it would narrow the ID number to 500 candidates)"
  birthDate: Date
  "出生年份 birth year; null when even the year would leave fewer than 1,000 candidate ID numbers"
  birthYear: Int
  "乡镇 township"
  township: Township
}

"""证书 a certificate recorded by the ${L}"""
type ${P}Certificate {
  id: ID!
  department: Department!
  person: Person!
  kind: CertificateKind!
  talentCategory: TalentCategory!
  "职业(工种) occupation"
  occupation: Occupation
  "技能等级 skill level (五级…一级) of 职业资格/职业技能等级 certificates; null for other kinds and when not known"
  level: SkillLevel
  "本类证书的等级 level within the kind's own ladder (技能、职称、社会工作); null for kinds without levels"
  grade: CertificateGrade
  "证书编号 certificate number"
  certificateNumber: String!
  "发证机构 issuing body"
  issuingBody: String!
  "发证日期 issued on"
  issuedOn: Date!
  "有效期至 valid until (null: long-term)"
  validUntil: Date
  status: CertificateStatus!
  "撤销日期 revoked on"
  revokedOn: Date
  "撤销原因 reason for revocation"
  revokeReason: String
${fieldLines(o.certificate)}
}

"""培训 a training recorded by the ${L}"""
type ${P}Training {
  id: ID!
  department: Department!
  person: Person!
  "培训项目 programme"
  programme: String!
  "职业(工种) occupation"
  occupation: Occupation
  channel: TrainingChannel!
  targetGroup: TargetGroup!
  "培训机构 provider"
  provider: String!
  "开始日期 start date"
  startDate: Date!
  "结束日期 end date"
  endDate: Date
  "课时 hours"
  hours: Int
  outcome: TrainingOutcome!
  "订单式/定向式 the kind of directed training (plan: 定向式培训 ≥ 500 a year); null for any other training"
  directedKind: DirectedKind
${fieldLines(o.training)}
}

type ${P}CertificateEdge {
  cursor: String!
  node: ${P}Certificate!
}

"""证书列表 a page of the ${L}'s certificates"""
type ${P}CertificateConnection {
  edges: [${P}CertificateEdge!]!
  nodes: [${P}Certificate!]!
  pageInfo: PageInfo!
  "符合条件的总数 number of certificates matching the filter"
  totalCount: Int!
}

type ${P}TrainingEdge {
  cursor: String!
  node: ${P}Training!
}

"""培训列表 a page of the ${L}'s trainings"""
type ${P}TrainingConnection {
  edges: [${P}TrainingEdge!]!
  nodes: [${P}Training!]!
  pageInfo: PageInfo!
  "符合条件的总数 number of trainings matching the filter"
  totalCount: Int!
}

"""登记证书 a certificate to record (upsert by certificate number)"""
input ${P}CertificateInput {
  "身份证号 ID number as written (15 or 18 digits; spaces, full-width digits and lower-case x are accepted)"
  idNumber: String!
  "姓名 name"
  name: String!
  "乡镇 township name or code"
  township: String
  kind: CertificateKind!
  "人才类别 talent category; defaults to the kind's category"
  talentCategory: TalentCategory
  "职业(工种) occupation code, name or alias"
  occupation: String
  "技能等级 skill level, for 职业资格/职业技能等级 certificates (or give grade)"
  level: SkillLevel
  "本类证书的等级 level within the kind's ladder: SKILL_1…SKILL_5, TITLE_JUNIOR…TITLE_SENIOR, SOCIAL_WORKER_ASSISTANT…SOCIAL_WORKER_SENIOR, or UNKNOWN; a title or social-work certificate without it is UNKNOWN"
  grade: CertificateGradeCode
  "证书编号 certificate number"
  certificateNumber: String!
  "发证机构 issuing body"
  issuingBody: String!
  "发证日期 issued on"
  issuedOn: Date!
  "有效期至 valid until"
  validUntil: Date
${fieldLines(o.certificate)}
}

"""登记培训 a training to record (upsert by person, programme and start date)"""
input ${P}TrainingInput {
  "身份证号 ID number as written"
  idNumber: String!
  "姓名 name"
  name: String!
  "乡镇 township name or code"
  township: String
  "培训项目 programme"
  programme: String!
  "职业(工种) occupation code, name or alias"
  occupation: String
  channel: TrainingChannel!
  targetGroup: TargetGroup!
  "培训机构 provider"
  provider: String!
  "开始日期 start date"
  startDate: Date!
  "结束日期 end date"
  endDate: Date
  "课时 hours"
  hours: Int
  outcome: TrainingOutcome!
  "订单式/定向式 ORDER or TARGETED for a directed training; left out keeps the stored mark, null clears it"
  directedKind: DirectedKind
${fieldLines(o.training)}
}

type Query {
  "${L}证书列表 the ${L}'s certificates, filtered and paginated"
  ${f}Certificates(filter: CertificateFilter, first: Int = 20, after: String): ${P}CertificateConnection!
  "${L}培训列表 the ${L}'s trainings, filtered and paginated"
  ${f}Trainings(filter: TrainingFilter, first: Int = 20, after: String): ${P}TrainingConnection!
}

type Mutation {
  "登记或更正证书 record or correct a certificate"
  record${P}Certificate(input: ${P}CertificateInput!): ${P}Certificate!
  "登记或更正培训 record or correct a training"
  record${P}Training(input: ${P}TrainingInput!): ${P}Training!
  """
  撤销或注销证书 withdraw a certificate (status REVOKED 撤销, the default, or CANCELLED 注销) from revokedOn, with a reason.
  Without revokedOn (日期未提供) it counts on no date at all until the date is supplied by withdrawing it again with the date.
  """
  revoke${P}Certificate(certificateNumber: String!, revokedOn: Date, reason: String!, status: CertificateStatus = REVOKED): ${P}Certificate!
}
`;
}
