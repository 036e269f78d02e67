/**
 * npm run bench:import [-- --rows 100000 --department education --batch 1000]
 *
 * Writes a certificates .xlsx of synthetic rows (valid ID numbers from makeIdNumber, about 1% bad
 * rows) with exceljs's streaming writer, imports it into a fresh temporary SQLite database of one
 * department in a fresh process (as `npm run import` would), and prints rows/s, seconds and peak RSS
 * (sampled every 100 ms, and the process's maxRSS). --file imports an existing .xlsx instead (--rows
 * must then give its number of data rows); --keep keeps the generated file.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { makeIdNumber } from '@hub/identity';
import { importFile, intakeColumns, tuneHeapForImport } from '@hub/intake';
import { townships } from '@hub/vocabulary';
import { departmentFactories } from '../scripts/lib/departmentFactories';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    department: { type: 'string', default: 'education' },
    batch: { type: 'string', default: '1000' },
    keep: { type: 'boolean', default: false },
    file: { type: 'string' },
  },
});
const ROWS = Number(args.rows);
// As scripts/import.ts does: the benchmark measures the CLI's process.
const collectGarbage = tuneHeapForImport();
const slug = String(args.department);
if (!Object.hasOwn(departmentFactories, slug)) throw new Error(`unknown department ${slug}`);

const occupations: [string, string][] = [
  ['6-31-01-03', '电工'],
  ['6-18-02-04', ''],
  ['4-10-01-05', '养老护理员'],
  ['4-03-02-01', '中式烹调师'],
  ['6-29-01-01', ''],
];
const levels = ['五级/初级工', '四级/中级工', '三级/高级工', '2', '一级/高级技师'];

function dayPlus(base: number, days: number): Date {
  return new Date(base + days * 86_400_000);
}

/** Row i of the synthetic file: every 100th row is bad in one of four ways. */
function rowOf(i: number, names: string[], extras: string[]): unknown[] {
  const birth = dayPlus(Date.UTC(1960, 0, 1), i % 15_000)
    .toISOString()
    .slice(0, 10);
  let id = makeIdNumber('410928', birth, Math.floor(i / 15_000));
  const male = Number(id[16]) % 2 === 1;
  const [code, name] = occupations[i % occupations.length];
  let township = names[i % names.length];
  let issued: unknown = dayPlus(Date.UTC(2021, 0, 1), i % 1500);
  let level: string | null = levels[i % levels.length];
  if (i % 100 === 17) {
    switch (((i / 100) % 4) | 0) {
      case 0:
        id = `${id.slice(0, 17)}${id[17] === '1' ? '2' : '1'}`; // wrong check character
        break;
      case 1:
        township = '不存在乡';
        break;
      case 2:
        issued = '2099-01-01';
        break;
      default:
        level = null;
    }
  }
  return [
    i + 1,
    `测试${i}`,
    id,
    male ? '男' : '女',
    township,
    code,
    name,
    '职业技能等级证书',
    level,
    `BENCH${String(i).padStart(9, '0')}`,
    '濮阳县职业技能等级认定中心',
    issued,
    null,
    '有效',
    ...extras.map((e) => `${e}${i % 7}`),
  ];
}

async function writeFile(file: string, extras: string[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('证书');
  sheet.addRow(['2024年职业技能等级证书登记表（基准测试）']).commit();
  const headers = [
    '序号',
    '姓名',
    '身份证号',
    '性别',
    '乡镇',
    '职业编码',
    '职业(工种)',
    '证书类别',
    '等级',
    '证书编号',
    '发证机构',
    '发证日期',
    '有效期至',
    '证书状态',
    ...extras,
  ];
  sheet.addRow(headers).commit();
  const names = townships().map((t) => t.name);
  for (let i = 0; i < ROWS; i++) {
    const row = sheet.addRow(rowOf(i, names, extras));
    row.getCell(12).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** Generates the file, then imports it in a fresh process: the figures are those of `npm run import`, not of the generator's heap. */
async function generateAndRun(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  const file = path.join(dir, 'certificates.xlsx');
  const extras = intakeColumns(departmentFactories[slug]({ ...process.env, HUB_LOG_LEVEL: 'silent' }).definition, 'certificates')
    .filter((c) => c.extra)
    .map((c) => c.label);
  const started = Date.now();
  await writeFile(file, extras);
  console.log(
    `文件 file: ${ROWS} rows, ${(fs.statSync(file).size / 1024 / 1024).toFixed(0)} MB xlsx, written in ${((Date.now() - started) / 1000).toFixed(1)} s (${file})`,
  );
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, __filename, '--file', file, '--rows', String(ROWS), '--department', slug, '--batch', String(args.batch)],
    {
      stdio: 'inherit',
    },
  );
  if (!args.keep) fs.rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${file}`);
  return child.status ?? 1;
}

/** Imports --file into a fresh temporary SQLite database and prints the figures. */
async function importOnce(file: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-db-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HUB_DB: 'sqlite', HUB_DATA_DIR: dir, HUB_LOG_LEVEL: 'silent', HUB_DEMO: 'off' };
  const hub = departmentFactories[slug](env);
  await hub.init();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  const started = Date.now();
  const cpuBefore = process.cpuUsage();
  const result = await importFile(
    hub,
    { path: file },
    {
      batchSize: Number(args.batch),
      env,
      reportPath: path.join(dir, 'report.xlsx'),
      afterScan: collectGarbage,
    },
  );
  const seconds = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const maxRss = process.resourceUsage().maxRSS * 1024;

  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  console.log(
    `部门 department: ${slug}; 机器 machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}; Node ${process.version}; batch ${args.batch}`,
  );
  console.log(
    `接受 accepted ${result.accepted}, 拒绝 rejected ${result.rejected}, 新增 created ${result.created}, batches ${result.batches}`,
  );
  console.log(
    `导入 import: ${seconds.toFixed(1)} s, ${(ROWS / seconds).toFixed(0)} rows/s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; load average ${os.loadavg()[0].toFixed(1)})`,
  );
  console.log(`内存 peak RSS (sampled every 100 ms): ${mb(peak)} (${mb(baseline)} before the import); process maxRSS: ${mb(maxRss)}`);
  const ok = seconds <= 60 && Math.max(peak, maxRss) <= 300 * 1024 * 1024;
  console.log(ok ? '目标达成 target met (≤ 60 s, ≤ 300 MB)' : '未达目标 target missed (≤ 60 s, ≤ 300 MB)');
  await hub.dataSource.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  if (args.file) await importOnce(args.file);
  else process.exitCode = await generateAndRun();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
