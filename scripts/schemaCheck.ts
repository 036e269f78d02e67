/**
 * npm run schema:check [-- <slug>] [--verbose]
 * Offline: composes the working tree's subgraph schemas, classifies every change against
 * schema-check/baseline/ (breaking / dangerous / safe), validates gateway/operations/ and
 * examples/ against the new API schema, and exits 1 on composition errors, broken operations or
 * breaking changes that schema-check/allowlist.json does not list with a reason.
 */
import { parseArgs } from 'node:util';
import { formatSchemaCheckReport } from './lib/schema-check/formatSchemaCheckReport';
import { runSchemaCheck } from './lib/schema-check/runSchemaCheck';
import { root } from './lib/subgraphList';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { verbose: { type: 'boolean', default: false } } });
  const report = await runSchemaCheck({ root, slug: positionals[0] });
  console.log(formatSchemaCheckReport(report, { verbose: values.verbose }));
  process.exitCode = report.ok ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(`✗ 模式检查出错 schema check failed to run: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
