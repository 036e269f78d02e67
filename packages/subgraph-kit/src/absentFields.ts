/**
 * Absent is not empty: an optional field left out of a write (undefined) keeps what is stored; only an
 * explicit null clears it. A new record stores an absent field as null.
 */
export type Absentable<T, K extends keyof T> = Omit<T, K> & { [P in K]?: T[P] };

/** The incoming fields that were given (explicit nulls included); absent ones are left out. */
export function givenFields<T extends object>(incoming: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(incoming)) if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  return out;
}

/** A record for a first insert: every absent field becomes null. */
export function absentAsNull<T extends object>(incoming: T, fields: readonly string[]): T {
  const out = { ...incoming } as Record<string, unknown>;
  for (const field of fields) if (out[field] === undefined) out[field] = null;
  return out as T;
}
