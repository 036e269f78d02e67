/**
 * npm run data-quality -- --out 数据质量.xlsx [--department education]
 *
 * Writes the dataQuality lists of the county holder index (as last synced) to a workbook (or CSV) with
 * Chinese sheet and column names: 汇总, 人员信息不一致, 证书编号重复, 无法归类的培训, 无法归入渠道的证书,
 * 撤销未填日期, 导入被拒的行. Opens the county service's database from the environment as the service does; listens on no port.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { departmentFromSlug, departments } from '@hub/vocabulary';
import { writeDataQualityReport } from '@hub/subgraph-county/src/reports/writeDataQualityReport';
import { createCountySubgraph } from '@hub/subgraph-county/src/server';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({ options: { out: { type: 'string' }, department: { type: 'string' } } });
  if (!args.out) fail('请用 --out 指定输出文件，例如 --out 数据质量.xlsx (--out is required)');
  const department = args.department === undefined ? undefined : departmentFromSlug(args.department);
  if (args.department !== undefined && !department) fail(`未知部门 ${args.department}（例如 education、civil-affairs）`);
  const format = path.extname(args.out).toLowerCase() === '.csv' ? 'csv' : 'xlsx';
  const county = createCountySubgraph(process.env);
  await county.init();
  try {
    await writeDataQualityReport(
      county.services.quality,
      department ? [department] : departments,
      department,
      format,
      fs.createWriteStream(args.out),
    );
    console.log(`已导出数据质量报告 data-quality report written: ${path.resolve(args.out)}`);
  } finally {
    await county.dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
