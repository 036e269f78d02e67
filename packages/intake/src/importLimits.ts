/** What one import may cost; a file beyond any of them is refused whole, while it is read. */
export interface ImportLimits {
  /** All parts of an .xlsx together, inflated (HUB_IMPORT_MAX_UNZIPPED_MB, default 200 MB). */
  maxUnzippedBytes: number;
  /** xl/sharedStrings.xml inflated: exceljs keeps every shared string in memory (HUB_IMPORT_MAX_SHARED_STRINGS_MB, default 64 MB). */
  maxSharedStringsBytes: number;
  /** Parts of an .xlsx (a workbook has a dozen or so). */
  maxZipEntries: number;
  /** Characters of one cell (HUB_IMPORT_MAX_CELL_CHARS, default 32,767: Excel's own limit). */
  maxCellChars: number;
  /** Rows of the sheet, header and title rows included (HUB_IMPORT_MAX_ROWS, default 200,000). */
  maxRows: number;
}

const MB = 1024 * 1024;

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return value;
}

/** The limits from the environment, each with its default. */
export function importLimits(env: NodeJS.ProcessEnv = process.env): ImportLimits {
  return {
    maxUnzippedBytes: Math.floor(positive(env, 'HUB_IMPORT_MAX_UNZIPPED_MB', 200) * MB),
    maxSharedStringsBytes: Math.floor(positive(env, 'HUB_IMPORT_MAX_SHARED_STRINGS_MB', 64) * MB),
    maxZipEntries: 1000,
    maxCellChars: Math.floor(positive(env, 'HUB_IMPORT_MAX_CELL_CHARS', 32_767)),
    maxRows: Math.floor(positive(env, 'HUB_IMPORT_MAX_ROWS', 200_000)),
  };
}

/** Megabytes for messages: 209715200 → “200 MB”. */
export function megabytes(bytes: number): string {
  return `${Math.round((bytes / MB) * 10) / 10} MB`;
}
