/**
 * npm run report -- --period 2025-M06|2025-Q2|2025-H1|2025 [--department hrss] --out 调度.xlsx
 *
 * Writes the 调度 workbook of one period (plan 三(二): 月调度, 季通报, 半年督导, 全年总结) from the county service's
 * ledger, exact figures, as the county administrator sees them: 调度表, 按月, 说明. Opens the county service's
 * database from the environment as the service does; listens on no port. Over HTTP: GET /county/reports/ledger.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { departmentFromSlug } from '@hub/vocabulary';
import { InputError } from '@hub/subgraph-kit';
import { parseLedgerPeriod } from '@hub/subgraph-county/src/ledger/LedgerPeriod';
import { ledgerReportLines, writeLedgerWorkbook } from '@hub/subgraph-county/src/reports/writeLedgerWorkbook';
import { townshipTargetRows } from '@hub/subgraph-county/src/reports/townshipTargetRows';
import { createCountySubgraph } from '@hub/subgraph-county/src/server';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({ options: { out: { type: 'string' }, period: { type: 'string' }, department: { type: 'string' } } });
  if (!args.period)
    fail('请用 --period 指定期间，例如 --period 2025-H1（2025-M06 月调度、2025-Q2 季通报、2025-H1 半年督导、2025 全年总结）');
  if (!args.out) fail('请用 --out 指定输出文件，例如 --out 调度.xlsx (--out is required)');
  if (path.extname(args.out).toLowerCase() !== '.xlsx') fail('调度报表只输出 .xlsx 文件 (--out must end in .xlsx)');
  let period;
  try {
    period = parseLedgerPeriod(args.period);
  } catch (error) {
    fail(error instanceof InputError ? error.message : String(error));
  }
  const department = args.department === undefined ? undefined : departmentFromSlug(args.department);
  if (args.department !== undefined && !department) fail(`未知部门 ${args.department}（例如 hrss、education、civil-affairs）`);
  const county = createCountySubgraph(process.env);
  await county.init();
  try {
    const ledger = await county.services.ledger.build(period);
    const townships = department ? undefined : await townshipTargetRows(county.services.progress, county.services.targets, ledger.asOf);
    fs.writeFileSync(args.out, await writeLedgerWorkbook(ledger, { department, townships, generatedBy: 'npm run report' }));
    const lagging = [
      ...new Set(
        ledgerReportLines(ledger, department)
          .filter((l) => l.lagging)
          .map((l) => l.name),
      ),
    ];
    console.log(
      `已导出调度报表 ${ledger.periodLabel}（统计截至 ${ledger.asOf}，时序进度 ${(ledger.elapsedShare * 100).toFixed(1)}%）: ${path.resolve(args.out)}`,
    );
    if (lagging.length) console.log(`滞后 lagging: ${lagging.join('、')}`);
  } finally {
    await county.dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
