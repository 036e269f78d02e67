/**
 * Line-based edits of the deployment files for a new department: docker-compose.yml (its service,
 * its database password, its URL for hrss and the gateway), deploy/mysql/init.sh (its database and
 * user) and deploy/Dockerfile (its port). Each edit finds its anchor by shape, not by line number,
 * and does nothing when the department is already there.
 */

export interface DeploymentDepartment {
  slug: string;
  /** HUB_<KEY>_… variables, e.g. MARKET_REGULATION. */
  envKey: string;
  port: number;
  /** 中文名称, for comments. */
  label: string;
}

export interface TextEdit {
  text: string;
  /** What was done or why not, one line each (for the scaffold's report). */
  notes: string[];
}

interface Block {
  start: number;
  /** Exclusive. */
  end: number;
}

const indentOf = (line: string) => /^ */.exec(line)![0].length;

/** Lines of one top-level service (`  name:` under `services:`). */
function serviceBlock(lines: string[], name: string): Block | undefined {
  const servicesAt = lines.findIndex((l) => /^services:\s*$/.test(l));
  if (servicesAt < 0) return undefined;
  const start = lines.findIndex((l, i) => i > servicesAt && l === `  ${name}:`);
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && (lines[end].trim() === '' || lines[end].trimStart().startsWith('#') || indentOf(lines[end]) > 2)) end++;
  // Blank lines and comments at the end belong to whatever follows.
  while (end > start + 1 && (lines[end - 1].trim() === '' || lines[end - 1].trimStart().startsWith('#'))) end--;
  return { start, end };
}

/** Index of the last line in [block) matching `pattern`, or -1. */
function lastMatch(lines: string[], block: Block, pattern: RegExp): number {
  for (let i = block.end - 1; i >= block.start; i--) if (pattern.test(lines[i])) return i;
  return -1;
}

/** The service block of an existing plain department, turned into the new department's. */
function serviceFromTemplate(
  lines: string[],
  d: DeploymentDepartment,
  template: { slug: string; envKey: string; port: number },
): string[] | undefined {
  const block = serviceBlock(lines, template.slug);
  if (!block) return undefined;
  return lines.slice(block.start, block.end).map((line) =>
    line
      .replaceAll(`HUB_${template.envKey}_`, `HUB_${d.envKey}_`)
      .replaceAll(`hub_${template.slug.replace(/-/g, '_')}`, `hub_${d.slug.replace(/-/g, '_')}`)
      .replaceAll(`subgraphs/${template.slug}/`, `subgraphs/${d.slug}/`)
      .replaceAll(`${template.slug}-dev-password`, `${d.slug}-dev-password`)
      .replaceAll(`:${template.port}`, `:${d.port}`)
      .replace(new RegExp(`^  ${template.slug}:$`), `  ${d.slug}:`),
  );
}

function defaultService(d: DeploymentDepartment): string[] {
  const user = `hub_${d.slug.replace(/-/g, '_')}`;
  return [
    `  ${d.slug}:`,
    '    <<: *hub-image',
    `    command: ["node", "subgraphs/${d.slug}/dist/index.js"]`,
    '    depends_on: *on-mysql',
    '    environment:',
    '      <<: [*subgraph-env, *auth-env]',
    `      HUB_${d.envKey}_DB_USER: ${user}`,
    `      HUB_${d.envKey}_DB_PASSWORD: \${HUB_${d.envKey}_DB_PASSWORD:-${d.slug}-dev-password}`,
    `      HUB_${d.envKey}_DB_NAME: ${user}`,
    '    healthcheck:',
    `      test: ["CMD", "node", "-e", "fetch('http://127.0.0.1:${d.port}/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]`,
    '      interval: 10s',
    '      timeout: 5s',
    '      retries: 5',
    '      start_period: 60s',
  ];
}

/** Adds the department to docker-compose.yml, modelled on an existing department's service. */
export function addToDockerCompose(
  text: string,
  d: DeploymentDepartment,
  template = { slug: 'education', envKey: 'EDUCATION', port: 4002 },
): TextEdit {
  const lines = text.split('\n');
  const notes: string[] = [];
  if (serviceBlock(lines, d.slug)) return { text, notes: [`docker-compose.yml: service ${d.slug} already there`] };
  const insertAfter = (index: number, added: string[]) => lines.splice(index + 1, 0, ...added);

  // 1. The password variable in the header comment's list of settings.
  const headerLine = lines.reduce((found, line, i) => (/^#\s+HUB_[A-Z0-9_]+_DB_PASSWORD=\.\.\./.test(line) ? i : found), -1);
  if (headerLine >= 0) {
    const prefix = /^#\s+/.exec(lines[headerLine])![0];
    insertAfter(headerLine, [`${prefix}HUB_${d.envKey}_DB_PASSWORD=...`]);
  }

  // 2. mysql's environment: the password init.sh gives the department's database user.
  const mysql = serviceBlock(lines, 'mysql');
  const mysqlPassword = mysql ? lastMatch(lines, mysql, /^\s+HUB_[A-Z0-9_]+_DB_PASSWORD:/) : -1;
  if (mysqlPassword >= 0) {
    const indent = ' '.repeat(indentOf(lines[mysqlPassword]));
    insertAfter(mysqlPassword, [`${indent}HUB_${d.envKey}_DB_PASSWORD: \${HUB_${d.envKey}_DB_PASSWORD:-${d.slug}-dev-password}`]);
  } else
    notes.push('docker-compose.yml: mysql 服务中未找到数据库密码变量 no DB password variables in the mysql service; add yours by hand');

  // 3. The county service pulls every department's change feed.
  const county = serviceBlock(lines, 'county');
  const countyUrl = county ? lastMatch(lines, county, /^\s+HUB_[A-Z0-9_]+_URL:\s*http/) : -1;
  if (countyUrl >= 0) insertAfter(countyUrl, [`${' '.repeat(indentOf(lines[countyUrl]))}HUB_${d.envKey}_URL: http://${d.slug}:${d.port}`]);
  else
    notes.push(
      'docker-compose.yml: county 服务中未找到 HUB_*_URL no HUB_*_URL in the county service; it would look for the feed on 127.0.0.1',
    );

  // 4. The gateway waits for the department and knows its URL.
  const gateway = serviceBlock(lines, 'gateway');
  if (gateway) {
    const healthy = lastMatch(lines, gateway, /^\s+condition:\s*service_healthy/);
    if (healthy > gateway.start + 1) {
      const nameIndent = ' '.repeat(indentOf(lines[healthy - 1]));
      const conditionIndent = ' '.repeat(indentOf(lines[healthy]));
      insertAfter(healthy, [`${nameIndent}${d.slug}:`, `${conditionIndent}condition: service_healthy`]);
    }
    const again = serviceBlock(lines, 'gateway')!;
    const url = lastMatch(lines, again, /^\s+HUB_[A-Z0-9_]+_URL:\s*http/);
    if (url >= 0) insertAfter(url, [`${' '.repeat(indentOf(lines[url]))}HUB_${d.envKey}_URL: http://${d.slug}:${d.port}`]);
    else notes.push('docker-compose.yml: gateway 服务中未找到 HUB_*_URL; the gateway uses the URL in the supergraph');
  } else notes.push('docker-compose.yml: 未找到 gateway 服务 no gateway service');

  // 5. The department's own service, before the gateway (or at the end of services).
  const service = serviceFromTemplate(lines, d, template) ?? defaultService(d);
  const before = serviceBlock(lines, 'gateway')?.start ?? lines.findIndex((l) => /^volumes:\s*$/.test(l));
  if (before >= 0) lines.splice(before, 0, ...service, '');
  else lines.push('', ...service);
  notes.unshift(`docker-compose.yml: 新增服务 added service ${d.slug} (port ${d.port}, database hub_${d.slug.replace(/-/g, '_')})`);
  return { text: lines.join('\n'), notes };
}

/** Adds the slug to `hub_departments="…"` in deploy/mysql/init.sh: its database and user. */
export function addToMysqlInit(text: string, d: DeploymentDepartment): TextEdit {
  const pattern = /^(hub_departments=")([^"]*)(")/m;
  const match = pattern.exec(text);
  if (!match)
    return { text, notes: ['deploy/mysql/init.sh: 未找到 hub_departments= (no department list); create the database and user by hand'] };
  const slugs = match[2].split(/\s+/).filter(Boolean);
  if (slugs.includes(d.slug)) return { text, notes: [] };
  return {
    text: text.replace(pattern, `$1${[...slugs, d.slug].join(' ')}$3`),
    notes: [`deploy/mysql/init.sh: 新增数据库与用户 database and user hub_${d.slug.replace(/-/g, '_')}`],
  };
}

/** Adds the port to the Dockerfile's EXPOSE line (documentation of the image's ports). */
export function addToDockerfile(text: string, d: DeploymentDepartment): TextEdit {
  const pattern = /^EXPOSE ([0-9 ]+)$/m;
  const match = pattern.exec(text);
  if (!match) return { text, notes: [] };
  const ports = match[1].split(/\s+/).filter(Boolean);
  if (ports.includes(String(d.port))) return { text, notes: [] };
  return { text: text.replace(pattern, `EXPOSE ${[...ports, String(d.port)].join(' ')}`), notes: [`deploy/Dockerfile: EXPOSE ${d.port}`] };
}
