/** Why a whole file cannot be imported (as opposed to one bad row). */
export type IntakeFileErrorCode =
  | 'NOT_FOUND'
  | 'EMPTY'
  | 'UNSUPPORTED_FORMAT'
  | 'NOT_A_SPREADSHEET'
  | 'BAD_ENCODING'
  | 'NO_HEADER'
  | 'MISSING_COLUMNS'
  | 'DUPLICATE_COLUMNS'
  | 'AMBIGUOUS_HEADER'
  | 'TOO_LARGE'
  | 'CELL_TOO_LONG'
  | 'TOO_MANY_ROWS';

/** The file cannot be read at all; nothing was written. The message is for the clerk. */
export class IntakeFileError extends Error {
  constructor(
    readonly code: IntakeFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IntakeFileError';
  }
}

/** A write failed part-way: the batches before it are committed, the rest are not; importing the same file again completes it. */
export class ImportInterruptedError extends Error {
  constructor(
    readonly committedBatches: number,
    readonly committedRows: number,
    readonly cause: unknown,
  ) {
    super(
      `导入中断：已提交 ${committedBatches} 批（${committedRows} 行），其余未写入；修复问题后重新导入同一文件即可补全 ` +
        `(import interrupted after ${committedBatches} committed batches: ${cause instanceof Error ? cause.message : String(cause)})`,
    );
    this.name = 'ImportInterruptedError';
  }
}
