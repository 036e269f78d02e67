/**
 * npm run schema:baseline
 * Writes schema-check/baseline/ from the working tree (each subgraph's SDL and the composed API
 * schema): run it when a release is cut, after `npm run compose`, and commit the result.
 */
import { writeSchemaBaseline } from './lib/schema-check/writeSchemaBaseline';
import { root } from './lib/subgraphList';

const result = writeSchemaBaseline(root);
if (!result.ok) {
  console.error('✗ 组合失败，未写基线 composition failed, no baseline written:');
  for (const error of result.errors) console.error(`  ${error}`);
  process.exit(1);
}
for (const file of result.written) console.log(`  写入 wrote ${file}`);
for (const file of result.removed) console.log(`  删除 removed ${file}`);
console.log('✓ 基线已更新 baseline written: review and commit schema-check/');
