/**
 * npm run import -- --department <slug> --file <path> [--file <path> …] [--dry-run] [--report <path>] [--batch-size <n>]
 * npm run import -- --department <slug> --template certificates|trainings --out <file.xlsx|file.csv>
 *
 * Opens the department's database from the environment exactly as its service does (HUB_DB,
 * HUB_DATA_DIR, HUB_<SLUG>_SQLITE or the MySQL settings; migrations run), without listening on a
 * port, and imports spreadsheets through @hub/intake, one after the other. Exit code 0 when every
 * file was read (rows may still have been rejected: see the reports), 1 when one could not be read
 * or an import was interrupted, 2 for a usage error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ImportInterruptedError,
  importFile,
  ImportResult,
  IntakeFileError,
  readingLines,
  SheetKind,
  tuneHeapForImport,
  writeTemplate,
} from '@hub/intake';
import { Department, departmentLabels } from '@hub/vocabulary';
import { departmentFactories } from './lib/departmentFactories';

/** Values printed per column; the report lists them all. */
const CLI_READINGS_PER_COLUMN = 15;

const USAGE = `用法 usage:
  npm run import -- --department <${Object.keys(departmentFactories).join('|')}> --file <文件.xlsx|文件.csv> [--file …] [--dry-run] [--report <报告.xlsx|报告.csv>] [--batch-size <1000>]
  npm run import -- --department <部门> --template <certificates|trainings> --out <模板.xlsx|模板.csv>`;

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

/** The counts in Chinese and English, how coded values were read, the first problems and the report's path. */
function printResult(department: Department, result: ImportResult): void {
  const label = departmentLabels[department];
  const kind = result.kind === 'certificates' ? '证书 certificates' : '培训 trainings';
  console.log(
    `${label} ${kind}：${result.file}（表头在第 ${result.headerRow} 行 header row ${result.headerRow}）${result.dryRun ? ' — 试运行，未写入 dry run, nothing written' : ''}`,
  );
  console.log(
    `数据行 rows ${result.rows}：接受 accepted ${result.accepted}，拒绝 rejected ${result.rejected}，被后面同号行覆盖 superseded ${result.superseded}`,
  );
  if (!result.dryRun)
    console.log(
      `新增 created ${result.created}，更新 updated ${result.updated}，未变 unchanged ${result.unchanged}（${result.batches} 批 batches）`,
    );
  if (result.ignoredColumns.length) console.log(`未识别、未导入的列 ignored columns: ${result.ignoredColumns.join('、')}`);
  if (result.looseRows > 0) console.log(`近似读取、请核对 loosely read rows: ${result.looseRows}`);
  if (result.warnings.length > 0) console.log(`已导入但有提示 imported with a warning: ${result.warnings.length}（见报告 see the report）`);
  console.log('读取对照 how values were read:');
  for (const line of readingLines(result.readings, CLI_READINGS_PER_COLUMN)) console.log(`  ${line}`);
  for (const e of [...result.errors, ...result.supersededRows].sort((a, b) => a.row - b.row).slice(0, 10)) {
    console.log(`  第 ${e.row} 行 row ${e.row}  [${e.column}] ${e.value ? `“${e.value}” ` : ''}${e.reason}`);
  }
  if (result.errors.length + result.supersededRows.length > 10)
    console.log(`  …… 共 ${result.errors.length + result.supersededRows.length} 条 (see the report)`);
  console.log(
    result.reportPath
      ? `报告 report: ${result.reportPath}`
      : '未写报告（试运行可用 --report 指定）no report written (use --report with --dry-run)',
  );
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        department: { type: 'string' },
        file: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean', default: false },
        report: { type: 'string' },
        'batch-size': { type: 'string' },
        template: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const slug = args.department;
  if (!slug || !Object.hasOwn(departmentFactories, slug))
    usage(`请用 --department 指定部门 (unknown or missing --department "${args.department ?? ''}")`);

  if (args.template !== undefined) {
    const kind = args.template as SheetKind;
    if (kind !== 'certificates' && kind !== 'trainings') usage('--template 只能是 certificates 或 trainings');
    if (!args.out) usage('请用 --out 指定模板文件 (--out is required with --template)');
    const format = path.extname(args.out).toLowerCase() === '.csv' ? 'csv' : 'xlsx';
    // The factory only builds the subgraph here: no database is opened for a template.
    const { definition } = departmentFactories[slug](process.env);
    fs.writeFileSync(args.out, await writeTemplate(definition, kind, format));
    console.log(`已写出模板 template written: ${path.resolve(args.out)}`);
    return 0;
  }

  const files = args.file ?? [];
  if (files.length === 0) usage('请用 --file 指定要导入的文件 (--file is required)');
  if (args.report && files.length > 1) usage('--report 只能与一个 --file 同用 (one --report per file: import the files one by one)');
  const batchSize = args['batch-size'] === undefined ? undefined : Number(args['batch-size']);
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1)) usage('--batch-size 须为正整数');

  const collectGarbage = tuneHeapForImport();
  const hub = departmentFactories[slug](process.env);
  await hub.init();
  let exitCode = 0;
  try {
    for (const file of files) {
      try {
        const result = await importFile(
          hub,
          { path: file },
          {
            dryRun: args['dry-run'],
            reportPath: args.report,
            batchSize,
            env: process.env,
            afterScan: collectGarbage,
          },
        );
        printResult(hub.definition.code, result);
      } catch (error) {
        if (error instanceof IntakeFileError) {
          console.error(`无法导入 cannot import ${file}: ${error.message} [${error.code}]`);
          exitCode = 1;
          continue;
        }
        if (error instanceof ImportInterruptedError) {
          console.error(error.message);
          return 1;
        }
        throw error;
      }
    }
    return exitCode;
  } finally {
    await hub.dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
