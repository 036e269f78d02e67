/** Every name a department goes by, derived from its folder name (kebab-case slug). */
export interface DepartmentNames {
  /** Folder, service and URL name, e.g. market-regulation. */
  slug: string;
  /** Department enum value, e.g. MARKET_REGULATION. */
  code: string;
  /** Prefix of its GraphQL types, e.g. MarketRegulation. */
  typePrefix: string;
  /** Its field on Person and its query names, e.g. marketRegulation. */
  personField: string;
  /** HUB_<envKey>_PORT, HUB_<envKey>_URL, HUB_<envKey>_DB_PASSWORD … */
  envKey: string;
  /** 中文名称, e.g. 市场监督管理局. */
  label: string;
  /** English name, e.g. Market Regulation Bureau. */
  english: string;
  /** Factory exported by its server.ts, e.g. createMarketRegulationSubgraph. */
  factory: string;
  /** npm workspace name, e.g. @hub/subgraph-market-regulation. */
  packageName: string;
  /** MySQL database and user, e.g. hub_market_regulation. */
  database: string;
}

const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** MySQL user names have at most 32 characters: hub_ + slug. */
const MAX_SLUG = 28;

/** Why a slug cannot name a new department, or undefined when it can. */
export function slugProblem(slug: string): string | undefined {
  if (!SLUG.test(slug)) return `部门标识须为小写短横线格式，如 market-regulation (the slug must be kebab-case), got "${slug}"`;
  if (slug.length > MAX_SLUG) return `部门标识最长 ${MAX_SLUG} 个字符 (at most ${MAX_SLUG} characters: the MySQL user is hub_<slug>)`;
  if (['gateway', 'packages', 'scripts', 'test'].includes(slug)) return `“${slug}”是保留名称 (reserved name)`;
  return undefined;
}

/** Why a Chinese name cannot be used, or undefined. */
export function labelProblem(label: string): string | undefined {
  if (!/\p{Script=Han}/u.test(label))
    return `请给出部门的中文名称，如 市场监督管理局 (the second argument is the department's Chinese name), got "${label}"`;
  if (label.length > 32 || /["'`\\\n\r]/.test(label)) return `中文名称过长或含引号 (too long or contains quotes): "${label}"`;
  return undefined;
}

const words = (slug: string) => slug.split('-');
const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export function departmentNames(slug: string, label: string, english?: string): DepartmentNames {
  const typePrefix = words(slug).map(capital).join('');
  return {
    slug,
    code: slug.toUpperCase().replace(/-/g, '_'),
    typePrefix,
    personField: typePrefix.charAt(0).toLowerCase() + typePrefix.slice(1),
    envKey: slug.toUpperCase().replace(/-/g, '_'),
    label,
    english: english?.trim() || `${words(slug).map(capital).join(' ')} Bureau`,
    factory: `create${typePrefix}Subgraph`,
    packageName: `@hub/subgraph-${slug}`,
    database: `hub_${slug.replace(/-/g, '_')}`,
  };
}
