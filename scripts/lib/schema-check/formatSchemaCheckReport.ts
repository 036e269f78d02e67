import type { ChangeLevel } from './classifySchemaChanges';
import { ALLOWLIST_FILE, BASELINE_DIR, CheckedChange, SchemaCheckReport, SUPERGRAPH } from './runSchemaCheck';

const LEVEL: Record<ChangeLevel, string> = {
  breaking: '✗ 不兼容 BREAKING ',
  dangerous: '! 有风险 DANGEROUS',
  safe: '✓ 兼容   SAFE     ',
};

export interface ReportFormat {
  /** Show every safe change, not only the first few of each subgraph. */
  verbose?: boolean;
}

const SAFE_SHOWN = 8;
const ERRORS_SHOWN = 3;
const ERROR_LINES = 14;

/** Composition errors quote whole query plans; the first lines say what is wrong. */
function clip(message: string, verbose = false): string[] {
  const lines = message.split('\n');
  return verbose || lines.length <= ERROR_LINES
    ? lines
    : [...lines.slice(0, ERROR_LINES), `… (${lines.length - ERROR_LINES} more lines, --verbose)`];
}

/** graphql-inspector's reasons run to a paragraph; the first sentence carries it. */
const firstSentence = (text: string) => /^.*?[.。](?=\s|$)/.exec(text)?.[0] ?? text;

function changeLine(change: CheckedChange): string[] {
  const label = change.level === 'breaking' && change.allowedBy ? '✓ 已放行 ALLOWED   ' : LEVEL[change.level];
  const lines = [`    ${label} ${change.path ? `${change.path}  ` : ''}${change.message}`];
  if (change.allowedBy) lines.push(`        放行理由 reason: ${change.allowedBy.reason}`);
  else if (change.level !== 'safe' && change.why) lines.push(`        原因 why: ${firstSentence(change.why)}`);
  return lines;
}

function count(changes: CheckedChange[], level: ChangeLevel): number {
  return changes.filter((c) => c.level === level).length;
}

function scopeSection(scope: string, changes: CheckedChange[], format: ReportFormat): string[] {
  const title = scope === SUPERGRAPH ? '对外 API (supergraph)' : scope;
  if (!changes.length) return [`  ${title}: 无变更 no changes`];
  const lines = [
    `  ${title}: ${changes.length} 处变更 changes — ${count(changes, 'breaking')} 不兼容 breaking, ${count(changes, 'dangerous')} 有风险 dangerous, ${count(changes, 'safe')} 兼容 safe`,
  ];
  const order: ChangeLevel[] = ['breaking', 'dangerous', 'safe'];
  for (const level of order) {
    const ofLevel = changes.filter((c) => c.level === level);
    const shown = level === 'safe' && !format.verbose ? ofLevel.slice(0, SAFE_SHOWN) : ofLevel;
    for (const change of shown) lines.push(...changeLine(change));
    if (shown.length < ofLevel.length)
      lines.push(
        `    … 另有 ${ofLevel.length - shown.length} 处兼容变更 and ${ofLevel.length - shown.length} more safe changes (--verbose)`,
      );
  }
  return lines;
}

/** The schema check's report for people: Chinese first, English beside it, the verdict last. */
export function formatSchemaCheckReport(report: SchemaCheckReport, format: ReportFormat = {}): string {
  const out: string[] = ['', '══ 模式检查 schema check ══', `基线 baseline: ${BASELINE_DIR}/    放行清单 allowlist: ${ALLOWLIST_FILE}`];
  for (const notice of report.notices) out.push(`! ${notice}`);

  out.push('', '■ 组合 composition');
  if (report.composition.ok) out.push('  ✓ 组合成功 the subgraphs compose');
  else {
    const errors = report.composition.errors;
    const shown = format.verbose ? errors : errors.slice(0, ERRORS_SHOWN);
    out.push(`  ✗ 组合失败 composition failed (${errors.length} 个错误 errors):`);
    for (const error of shown) out.push(...clip(`[${error.code}] ${error.message}`, format.verbose).map((line) => `    ${line}`));
    if (shown.length < errors.length)
      out.push(`    … 另有 ${errors.length - shown.length} 个错误 ${errors.length - shown.length} more errors (--verbose)`);
  }

  out.push('', '■ 子图变更 subgraph changes (against the baseline)');
  for (const slug of report.subgraphs) out.push(...scopeSection(slug, report.changes[slug] ?? [], format));

  out.push('', '■ 对外 API 变更 API schema changes (what clients of the gateway see)');
  if (report.changes[SUPERGRAPH]) out.push(...scopeSection(SUPERGRAPH, report.changes[SUPERGRAPH], format));
  else out.push(report.composition.ok ? '  (无 API 基线 no API baseline)' : '  (组合失败，无法比较 not compared: composition failed)');

  out.push('', `■ 客户端操作 client operations (${report.operationFiles.length} 个文件 files: gateway/operations/, examples/)`);
  if (!report.operations) out.push('  (组合失败，未校验 not validated: composition failed)');
  else if (!report.operations.length) out.push('  (没有操作 no operations)');
  for (const operation of report.operations ?? []) {
    if (!operation.problems.length) out.push(`  ✓ ${operation.name}  ${operation.file}`);
    else {
      out.push(`  ✗ ${operation.name}  ${operation.file}  将失效 would break:`);
      for (const problem of operation.problems) out.push(`      ${problem}`);
    }
  }

  if (report.allowlistProblems.length || report.unusedAllowEntries.length) {
    out.push('', `■ 放行清单 allowlist (${ALLOWLIST_FILE})`);
    for (const problem of report.allowlistProblems) out.push(`  ✗ ${problem}`);
    for (const entry of report.unusedAllowEntries) out.push(`  ! 未使用，可删除 unused, delete it: ${entry.subgraph}: ${entry.change}`);
  }

  const unallowed = Object.values(report.changes)
    .flat()
    .filter((c) => c.level === 'breaking' && !c.allowedBy);
  const broken = (report.operations ?? []).filter((o) => o.problems.length);
  const dangerous = Object.values(report.changes)
    .flat()
    .filter((c) => c.level === 'dangerous');
  out.push('', `■ 结论 verdict: ${report.ok ? '✓ 通过 PASSED' : '✗ 不通过 FAILED'}`);
  if (!report.composition.ok) out.push('  - 子图无法组合 the subgraphs do not compose');
  if (broken.length) out.push(`  - ${broken.length} 个客户端操作将失效 operations would break: ${broken.map((o) => o.name).join(', ')}`);
  if (unallowed.length) {
    out.push(`  - ${unallowed.length} 处不兼容变更未放行 breaking changes not in the allowlist`);
    const example = unallowed[0];
    out.push(
      `    若确属有意，请在 ${ALLOWLIST_FILE} 中登记并说明理由 if intended, list it with a reason, e.g.:`,
      `    {"allow": [{"subgraph": "${example.scope}", "change": "${example.path ?? example.message}", "reason": "…"}]}`,
    );
  }
  if (report.allowlistProblems.length) out.push('  - 放行清单有误 the allowlist has errors');
  if (dangerous.length)
    out.push(`  - ${dangerous.length} 处有风险变更（不阻止发布）dangerous changes (not blocking): tell the dashboard developers`);
  out.push('');
  return out.join('\n');
}
