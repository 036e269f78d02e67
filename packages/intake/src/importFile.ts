import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { dataDir } from '@hub/runtime';
import { NewCertificate, NewPerson, NewTraining, RecordBatch, WriteCounts } from '@hub/subgraph-kit';
import type { TableFormat } from './createTableWriter';
import { createRowValidator, IntakeHub, RowValidator, ValidRow } from './createRowValidator';
import { ImportInterruptedError, IntakeFileError } from './IntakeFileError';
import type { ImportResult } from './ImportResult';
import { ImportLimits, importLimits } from './importLimits';
import { HeaderMatch, matchHeaderRow } from './matchHeaderRow';
import { IntakeFile, openSheet, SheetSource } from './openSheet';
import { isBlank } from './plainCellValue';
import { ReadingLog } from './ReadingLog';
import type { RowError } from './RowError';
import type { SheetRow } from './SheetRow';
import { skippableRow } from './skippableRow';
import { writeReport } from './writeReport';

export interface ImportOptions {
  /** Validate and report, write nothing. */
  dryRun?: boolean;
  /** Rows per transaction (default 1000). */
  batchSize?: number;
  /** Where to write the report (.xlsx or .csv). A real run writes one anyway, to HUB_DATA_DIR/reports/. */
  reportPath?: string;
  /** For HUB_DATA_DIR (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Runs after the reading pass, before any write (the CLI collects garbage there: see tuneHeapForImport). */
  afterScan?: () => void;
  /** Size, cell and row limits (default: importLimits(env), from HUB_IMPORT_MAX_*). */
  limits?: ImportLimits;
}

export const DEFAULT_BATCH_SIZE = 1000;
/** The header row is looked for in this many rows at the top (title rows above it are common). */
export const HEADER_SEARCH_ROWS = 10;

/** One valid row as spooled between the passes: the prepared records, never the raw ID number (sealed only). */
interface SpooledRow {
  r: number;
  k: string;
  p: NewPerson;
  c: NewCertificate | NewTraining;
}

/** What the reading pass learns: the errors, and which row is the last one of each natural key and of each person. */
interface Scan {
  match: HeaderMatch;
  rows: number;
  valid: number;
  errors: RowError[];
  warnings: RowError[];
  lastRowOfKey: Map<string, number>;
  /** Person fields (name, township) from each person's last valid row: every batch writes these. */
  finalPerson: Map<string, string>;
  /** Persons whose rows give different names or townships. */
  disagreeingPersons: Set<string>;
  superseded: Map<number, { key: string; shown: string }>;
  /** How each coded column's values were read. */
  log: ReadingLog;
}

function findHeader(hub: IntakeHub, row: SheetRow): HeaderMatch | undefined {
  const match = matchHeaderRow(hub.definition, row.cells, row.number);
  if (match === 'ambiguous') {
    throw new IntakeFileError(
      'AMBIGUOUS_HEADER',
      `第 ${row.number} 行表头同时含有证书和培训的列，无法判断是证书表还是培训表；请分成两个文件导入`,
    );
  }
  if (!match) return undefined;
  if (match.duplicates.length > 0) {
    const list = match.duplicates.map((d) => `${d.headers.join('、')}（都是“${d.label}”）`).join('；');
    throw new IntakeFileError('DUPLICATE_COLUMNS', `表头第 ${row.number} 行有重复的列：${list}；请删除多余的列`);
  }
  if (match.missing.length > 0) {
    throw new IntakeFileError(
      'MISSING_COLUMNS',
      `表头第 ${row.number} 行缺少必填列：${match.missing.map((c) => c.label).join('、')}；请对照导入模板补齐`,
    );
  }
  return match;
}

/** A CSV row with more or fewer cells than its header (an unquoted comma or line break split it): refused whole. */
function widthError(source: SheetSource, match: HeaderMatch, row: SheetRow): RowError | undefined {
  if (source.format !== 'csv') return undefined;
  const n = row.cells.length;
  if (n >= match.width && row.cells.slice(match.width).every(isBlank)) return undefined;
  return {
    row: row.number,
    column: '',
    value: `${n} 列`,
    reason: `该行有 ${n} 列，表头有 ${match.width} 列，可能含有未加引号的逗号或换行；整行未导入`,
  };
}

/** A township left out of a row (absent, keeps the stored one) is marked apart from one cleared (null). */
const ABSENT = '\u0001';

function personSignature(person: NewPerson): string {
  return `${person.name}\u0000${person.townshipCode === undefined ? ABSENT : (person.townshipCode ?? '')}`;
}

/** A row that leaves the township out takes it from the person's earlier rows in the file. */
function laterSignature(person: NewPerson, before: string | undefined): string {
  const signature = personSignature(person);
  return before !== undefined && person.townshipCode === undefined ? `${person.name}\u0000${before.split('\u0000')[1]}` : signature;
}

/** A private temporary file for the valid rows between the passes; removed when the import ends. */
class Spool {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-intake-'));
  readonly file = path.join(this.dir, 'rows.ndjson');
  private readonly out = fs.createWriteStream(this.file, { mode: 0o600 });

  async write(row: SpooledRow): Promise<void> {
    if (!this.out.write(`${JSON.stringify(row)}\n`)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'close');
  }

  async *rows(): AsyncGenerator<SpooledRow> {
    // Small chunks: a 256 KB chunk of Chinese text decodes to a 512 KB string in V8's large-object space, freed only by full collections.
    const input = fs.createReadStream(this.file, { highWaterMark: 16 * 1024 });
    try {
      for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) yield JSON.parse(line) as SpooledRow;
    } finally {
      input.destroy();
    }
  }

  remove(): void {
    this.out.destroy();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The one pass over the file: finds the header, validates every row, spools the valid ones. */
async function scan(hub: IntakeHub, source: SheetSource, spool: Spool | undefined): Promise<Scan> {
  let match: HeaderMatch | undefined;
  let validate: RowValidator | undefined;
  let idIndex = 0;
  const scanned: Omit<Scan, 'match'> = {
    rows: 0,
    valid: 0,
    errors: [],
    warnings: [],
    lastRowOfKey: new Map(),
    finalPerson: new Map(),
    disagreeingPersons: new Set(),
    superseded: new Map(),
    log: new ReadingLog(),
  };
  const noteValid = (row: SheetRow, outcome: ValidRow, kind: HeaderMatch['kind']) => {
    scanned.valid += 1;
    const earlier = scanned.lastRowOfKey.get(outcome.key);
    if (earlier !== undefined) {
      const record = outcome.record as Partial<NewCertificate & NewTraining>;
      scanned.superseded.set(earlier, {
        key: outcome.key,
        shown: kind === 'certificates' ? String(record.certificateNumber) : `${record.programme} / ${record.startDate}`,
      });
    }
    scanned.lastRowOfKey.set(outcome.key, row.number);
    const before = scanned.finalPerson.get(outcome.person.personId);
    const signature = laterSignature(outcome.person, before);
    if (before !== undefined && before !== signature) scanned.disagreeingPersons.add(outcome.person.personId);
    scanned.finalPerson.set(outcome.person.personId, signature);
  };
  for await (const row of source.rows()) {
    if (!match || !validate) {
      if (row.number > HEADER_SEARCH_ROWS) break;
      match = findHeader(hub, row);
      if (match) {
        validate = createRowValidator(hub, match, scanned.log);
        idIndex = match.byField.get('idNumber')!.index;
      }
      continue;
    }
    if (skippableRow(row.cells, idIndex)) continue;
    scanned.rows += 1;
    const wrongWidth = widthError(source, match, row);
    if (wrongWidth) {
      scanned.errors.push(wrongWidth);
      continue;
    }
    const outcome = validate(row.number, row.cells);
    if (!outcome.ok) {
      for (const error of outcome.errors) scanned.errors.push(error);
      continue;
    }
    noteValid(row, outcome, match.kind);
    for (const warning of outcome.warnings) scanned.warnings.push(warning);
    if (spool) await spool.write({ r: row.number, k: outcome.key, p: outcome.person, c: outcome.record });
  }
  if (!match || !validate) {
    throw new IntakeFileError(
      'NO_HEADER',
      `前 ${HEADER_SEARCH_ROWS} 行中没有找到表头行：表头须有“姓名”“身份证号”，以及证书列（如“证书编号”“发证日期”）或培训列（如“培训项目”“开始日期”）；请使用导入模板`,
    );
  }
  return { match, ...scanned };
}

function supersededRows(scanned: Scan): RowError[] {
  const { match } = scanned;
  const column =
    match.kind === 'certificates'
      ? (match.byField.get('certificateNumber')?.header ?? '证书编号')
      : `${match.byField.get('programme')?.header ?? '培训项目'} / ${match.byField.get('startDate')?.header ?? '开始日期'}`;
  const what = match.kind === 'certificates' ? '证书编号' : '身份证号、培训项目和开始日期';
  return [...scanned.superseded].map(([row, { key, shown }]) => {
    const winner = scanned.lastRowOfKey.get(key);
    return { row, column, value: shown, reason: `与第 ${winner} 行的${what}相同，以第 ${winner} 行为准，本行未导入` };
  });
}

/**
 * What the writing pass needs of the scan: the winning row of each key that repeats, and the final
 * fields of each person whose rows disagree. A row not listed wins by being the only one; the full
 * maps (100,000 entries for 100,000 rows) are left to the garbage collector before the writes start.
 */
function writePlan(scanned: Scan): { winners: Map<string, number>; persons: Map<string, string> } {
  const winners = new Map<string, number>();
  for (const { key } of scanned.superseded.values()) winners.set(key, scanned.lastRowOfKey.get(key)!);
  const persons = new Map<string, string>();
  for (const personId of scanned.disagreeingPersons) persons.set(personId, scanned.finalPerson.get(personId)!);
  scanned.lastRowOfKey.clear();
  scanned.finalPerson.clear();
  return { winners, persons };
}

/** The writing pass: the spooled rows that won their natural key, batchSize per transaction. */
async function write(hub: IntakeHub, scanned: Scan, spool: Spool, batchSize: number, result: ImportResult): Promise<void> {
  const { repo } = hub;
  const kind = scanned.match.kind;
  const { winners, persons } = writePlan(scanned);
  let people: NewPerson[] = [];
  let records: (NewCertificate | NewTraining)[] = [];
  let committedRows = 0;
  const flush = async () => {
    if (records.length === 0) return;
    const batch: RecordBatch =
      kind === 'certificates' ? { people, certificates: records as NewCertificate[] } : { people, trainings: records as NewTraining[] };
    let written;
    try {
      // The kit's writeBatch keeps a withdrawal standing against an old spreadsheet (keepWithdrawal).
      written = await repo.transaction(async (manager) => repo.writeBatch(batch, manager));
    } catch (error) {
      throw new ImportInterruptedError(result.batches, committedRows, error);
    }
    const counts = kind === 'certificates' ? written.certificates : written.trainings;
    result.created += counts.created;
    result.updated += counts.updated;
    result.unchanged += counts.unchanged;
    result.people.created += written.people.created;
    result.people.updated += written.people.updated;
    result.people.unchanged += written.people.unchanged;
    result.batches += 1;
    committedRows += records.length;
    people = [];
    records = [];
  };
  for await (const row of spool.rows()) {
    const winner = winners.get(row.k);
    if (winner !== undefined && winner !== row.r) continue;
    const final = persons.get(row.p.personId);
    if (final !== undefined && final !== personSignature(row.p)) {
      const [name, townshipCode] = final.split('\u0000');
      row.p.name = name;
      row.p.townshipCode = townshipCode === ABSENT ? undefined : townshipCode || null;
    }
    people.push(row.p);
    records.push(row.c);
    if (records.length >= batchSize) await flush();
  }
  await flush();
}

function defaultReportPath(hub: IntakeHub, source: SheetSource, env: NodeJS.ProcessEnv): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const stem = path
    .parse(source.name)
    .name.replace(/[\\/:*?"<>|\s]+/g, '_')
    .slice(0, 60);
  return path.join(dataDir(env), 'reports', `${stamp}-${hub.definition.slug}-${stem}-${randomBytes(2).toString('hex')}.xlsx`);
}

async function saveReport(result: ImportResult, reportPath: string): Promise<void> {
  fs.mkdirSync(path.dirname(reportPath), { recursive: true });
  const format: TableFormat = path.extname(reportPath).toLowerCase() === '.csv' ? 'csv' : 'xlsx';
  await writeReport(result, format, fs.createWriteStream(reportPath));
}

const zeroCounts = (): WriteCounts => ({ created: 0, updated: 0, unchanged: 0 });

/**
 * Imports a department's spreadsheet (.xlsx or CSV) of certificates or trainings.
 *
 * One streaming pass reads and validates every row, spooling the valid ones (prepared records,
 * ID numbers sealed) to a private temporary file and noting, for each natural key (证书编号; or
 * person + 培训项目 + 开始日期), the last valid row. The second pass reads the spool and writes the
 * winning rows through the kit's writeBatch, batchSize rows per transaction. Earlier rows with the
 * same key are reported as superseded and never written, so importing the same file again changes
 * nothing. A run stopped part-way leaves whole batches only; running it again completes it.
 */
export async function importFile(hub: IntakeHub, file: IntakeFile, options: ImportOptions = {}): Promise<ImportResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const env = options.env ?? process.env;
  const dryRun = options.dryRun ?? false;
  const source = await openSheet(file, options.limits ?? importLimits(env));
  const spool = dryRun ? undefined : new Spool();
  try {
    const scanned = await scan(hub, source, spool);
    await spool?.close();
    const { match } = scanned;
    const result: ImportResult = {
      file: source.name,
      format: source.format,
      department: hub.definition.code,
      kind: match.kind,
      headerRow: match.rowNumber,
      dryRun,
      rows: scanned.rows,
      accepted: scanned.valid - scanned.superseded.size,
      rejected: new Set(scanned.errors.map((e) => e.row)).size,
      superseded: scanned.superseded.size,
      created: 0,
      updated: 0,
      unchanged: 0,
      people: zeroCounts(),
      batches: 0,
      errors: scanned.errors,
      supersededRows: supersededRows(scanned),
      warnings: scanned.warnings,
      ignoredColumns: match.ignored,
      looseRows: scanned.log.warnedRows,
      readings: scanned.log.readings(),
      reportPath: null,
    };
    // The county's data-quality lists show each department's last import and the rows it refused.
    if (!dryRun)
      await hub.repo.recordImport({
        at: new Date().toISOString(),
        file: source.name,
        kind: match.kind,
        rows: result.rows,
        rejected: result.rejected,
        refused: scanned.errors,
      });
    if (spool && result.accepted > 0) {
      options.afterScan?.();
      await write(hub, scanned, spool, batchSize, result);
    }
    const reportPath = options.reportPath ?? (dryRun ? undefined : defaultReportPath(hub, source, env));
    if (reportPath) {
      result.reportPath = path.resolve(reportPath);
      await saveReport(result, result.reportPath);
    }
    return result;
  } finally {
    spool?.remove();
  }
}
