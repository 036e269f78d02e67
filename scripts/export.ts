/**
 * npm run export -- --department <slug> --kind certificates|trainings --out <file.xlsx|file.csv>
 *                   [--township 柳屯镇] [--from 2024-01-01] [--to 2024-12-31]
 * npm run export -- --progress --out <file.xlsx|file.csv> [--as-of 2025-06-30]
 *
 * Streams a department's certificates or trainings (masked ID numbers only) from its database, or
 * the county progress tables from the county service's holder index (as last synced), to a spreadsheet with
 * Chinese headers. Opens the databases from the environment as the services do; listens on no port.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportCertificates, exportTrainings } from '@hub/intake';
import { exportCountyProgress } from '@hub/subgraph-county/src/reports/exportCountyProgress';
import { createCountySubgraph } from '@hub/subgraph-county/src/server';
import { isIsoDate, todayIso } from '@hub/subgraph-kit';
import { matchTownship } from '@hub/vocabulary';
import { departmentFactories } from './lib/departmentFactories';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function date(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) fail(`--${name} 须为 YYYY-MM-DD 日期`);
  return value;
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      department: { type: 'string' },
      kind: { type: 'string', default: 'certificates' },
      out: { type: 'string' },
      township: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      progress: { type: 'boolean', default: false },
      'as-of': { type: 'string' },
    },
  });
  if (!args.out) fail('请用 --out 指定输出文件 (--out is required)');
  const format = path.extname(args.out).toLowerCase() === '.csv' ? 'csv' : 'xlsx';
  const out = fs.createWriteStream(args.out);

  if (args.progress) {
    const county = createCountySubgraph(process.env);
    await county.init();
    try {
      const asOf = date(args['as-of'], 'as-of') ?? todayIso();
      await exportCountyProgress(await county.services.progress.figures(asOf), format, out);
      console.log(`已导出 ${asOf} 全县进度 county progress written: ${path.resolve(args.out)}`);
    } finally {
      await county.dataSource.destroy();
    }
    return;
  }

  const slug = args.department;
  if (!slug || !Object.hasOwn(departmentFactories, slug)) fail(`请用 --department 指定部门：${Object.keys(departmentFactories).join('|')}`);
  const townshipCode =
    args.township === undefined ? undefined : (matchTownship(args.township)?.code ?? fail(`无法识别的乡镇 ${args.township}`));
  const hub = departmentFactories[slug](process.env);
  await hub.init();
  try {
    const from = date(args.from, 'from');
    const to = date(args.to, 'to');
    const rows =
      args.kind === 'trainings'
        ? await exportTrainings(hub, { townshipCode, startFrom: from, startTo: to }, format, out)
        : args.kind === 'certificates'
          ? await exportCertificates(hub, { townshipCode, issuedFrom: from, issuedTo: to }, format, out)
          : fail('--kind 只能是 certificates 或 trainings');
    console.log(`已导出 ${rows} 行 rows written: ${path.resolve(args.out)}`);
  } finally {
    await hub.dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
