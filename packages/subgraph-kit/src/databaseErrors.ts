/** The driver error inside TypeORM's QueryFailedError, or the error itself. */
function driverError(error: unknown): { code?: unknown; errno?: unknown } {
  if (error && typeof error === 'object' && 'driverError' in error)
    return (error as { driverError: { code?: unknown; errno?: unknown } }).driverError ?? {};
  return error ?? {};
}

/** A UNIQUE or PRIMARY KEY violation, on SQLite (better-sqlite3) and MySQL/MariaDB alike. */
export function isUniqueViolation(error: unknown): boolean {
  const { code, errno } = driverError(error);
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'ER_DUP_ENTRY' || errno === 1062;
}

/** MySQL gave up a transaction to break a deadlock or a lock wait; running it again is safe. */
export function isLockConflict(error: unknown): boolean {
  const { code, errno } = driverError(error);
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || errno === 1213 || errno === 1205 || code === 'SQLITE_BUSY';
}

/** Runs a transaction again (up to `attempts` times) when the database broke a lock conflict. */
export async function retryOnLockConflict<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isLockConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.floor(Math.random() * 20)));
    }
  }
}
