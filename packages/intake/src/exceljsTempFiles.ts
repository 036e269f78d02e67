import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';

/** tmp 0.2's removal callback: closes and unlinks asynchronously, then calls `next`. */
type Cleanup = (next?: (error?: Error | null) => void) => void;
type TmpCallback = (error: Error | null, path: string, fd: number, cleanup: Cleanup) => void;

/**
 * The `tmp` module exceljs itself loads: resolved from exceljs, then loaded by this module's own
 * `require`, so that it is the same instance under Node's cache and under a test runner's registry.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the same instance exceljs holds, as said above
const tmp = require(createRequire(require.resolve('exceljs')).resolve('tmp')) as { file: (...args: unknown[]) => unknown };

/** The temporary files made while a reader of ours advances exceljs: their cleanups. */
const owners = new AsyncLocalStorage<Set<Cleanup>>();
let wrapped = false;

/**
 * exceljs 4.4's WorkbookReader copies a worksheet that comes before xl/sharedStrings.xml (Excel's own
 * order) to a temporary file and removes it only when it has read it to the end: a reader stopped
 * early (a refused cell, too many rows) left the whole inflated sheet in the temporary folder, up
 * to the unzipped limit per refused file. Its `tmp.file` calls are wrapped once so that a file made
 * while one of our readers runs is recorded for that reader (AsyncLocalStorage follows exceljs's
 * awaits), and the reader removes what is left when it stops.
 */
function wrapTmp(): void {
  if (wrapped) return;
  wrapped = true;
  const original = tmp.file;
  tmp.file = function file(this: unknown, ...args: unknown[]) {
    const files = owners.getStore();
    const callback = args[args.length - 1];
    if (!files || typeof callback !== 'function') return original.apply(this, args);
    const recorded: TmpCallback = (error, path, fd, cleanup) => {
      if (error) return (callback as TmpCallback)(error, path, fd, cleanup);
      files.add(cleanup);
      (callback as TmpCallback)(error, path, fd, (next) => {
        files.delete(cleanup);
        cleanup(next);
      });
    };
    return original.apply(this, [...args.slice(0, -1), recorded]);
  };
}

/** Runs one step of an exceljs reader, recording into `files` the temporary files it makes. */
export function recordingTempFiles<T>(files: Set<Cleanup>, step: () => Promise<T>): Promise<T> {
  wrapTmp();
  return owners.run(files, step);
}

/** Removes the temporary files exceljs made and did not remove itself (tmp unlinks asynchronously: awaited). */
export async function removeTempFiles(files: Set<Cleanup>): Promise<void> {
  // tmp calls `next` only on the first call of a cleanup: a bounded wait, so an import can never hang here.
  const pending = [...files].map((cleanup) =>
    Promise.race([
      new Promise<void>((resolve) => cleanup(() => resolve())),
      new Promise<void>((resolve) => setTimeout(resolve, 2000).unref()),
    ]),
  );
  files.clear();
  await Promise.all(pending);
}
