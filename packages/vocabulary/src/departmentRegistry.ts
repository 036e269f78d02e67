/** Everything the hub knows about one county department before its own folder: names, port and GraphQL names. */
export interface DepartmentEntry {
  /** Department enum value, e.g. CIVIL_AFFAIRS. */
  code: string;
  /** Folder, service and URL name of its subgraph, e.g. civil-affairs. */
  slug: string;
  /** 中文名称, e.g. 民政局. */
  label: string;
  /** English name, shown beside the label in the SDL. */
  english: string;
  /** Default port of its subgraph (HUB_<SLUG>_PORT moves it). */
  port: number;
  /** Prefix of its GraphQL types, e.g. CivilAffairs → CivilAffairsCertificate. */
  typePrefix: string;
  /** Its field on Person and the start of its query names, e.g. civilAffairs → civilAffairsCertificates. */
  personField: string;
}

/**
 * The county departments that each own one subgraph, in port order: the one list the Department enum, its labels,
 * slugs and English names, the default ports and the service list derive from. `npm run new-department` appends here.
 */
export const departmentRegistry = [
  {
    code: 'HRSS',
    slug: 'hrss',
    label: '人力资源和社会保障局',
    english: 'Human Resources and Social Security Bureau',
    port: 4001,
    typePrefix: 'Hrss',
    personField: 'hrss',
  },
  {
    code: 'EDUCATION',
    slug: 'education',
    label: '教育局',
    english: 'Education Bureau',
    port: 4002,
    typePrefix: 'Education',
    personField: 'education',
  },
  {
    code: 'AGRICULTURE',
    slug: 'agriculture',
    label: '农业农村局',
    english: 'Agriculture and Rural Affairs Bureau',
    port: 4003,
    typePrefix: 'Agriculture',
    personField: 'agriculture',
  },
  {
    code: 'VETERANS',
    slug: 'veterans',
    label: '退役军人事务局',
    english: 'Veterans Affairs Bureau',
    port: 4004,
    typePrefix: 'Veterans',
    personField: 'veterans',
  },
  {
    code: 'CIVIL_AFFAIRS',
    slug: 'civil-affairs',
    label: '民政局',
    english: 'Civil Affairs Bureau',
    port: 4005,
    typePrefix: 'CivilAffairs',
    personField: 'civilAffairs',
  },
  {
    code: 'FINANCE',
    slug: 'finance',
    label: '财政局',
    english: 'Finance Bureau',
    port: 4006,
    typePrefix: 'Finance',
    personField: 'finance',
  },
] as const satisfies readonly DepartmentEntry[];

export type RegisteredDepartment = (typeof departmentRegistry)[number];

/** The registry entry of a department code. */
export function departmentEntry<C extends RegisteredDepartment['code']>(code: C): Extract<RegisteredDepartment, { code: C }> {
  const entry = departmentRegistry.find((d) => d.code === code);
  if (!entry) throw new Error(`Department ${code} is not in the department registry`);
  return entry as Extract<RegisteredDepartment, { code: C }>;
}
