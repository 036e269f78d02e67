import type { DataSource } from 'typeorm';
import { countWhenAsked, isLockConflict, isUniqueViolation, Transactions } from '@hub/subgraph-kit';
import type { Department } from '@hub/vocabulary';

export interface AuditRow {
  department: Department;
  /** The entry's position in its department's change feed; negative for lookups the county service recorded itself. */
  seq: number;
  at: string;
  subject: string;
  role: string;
  personId: string;
  field: string;
  purpose: string;
  requestId: string;
}

/**
 * The audit log: who saw which person's full ID number. The departments' reveals arrive through their change
 * feeds (IndexWriter); a lookup by ID number on the county service is written here directly, under the caller's
 * department (the county administrator's under 人社局, whose master record the lookup reads first), with a negative
 * seq so that it can never collide with a feed's.
 */
export class AuditRepository {
  /** The lookup's statements, quoted for the database in use. */
  private readonly sql: { insertNext: string; lowest: string; insert: string };

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
  ) {
    const q = (name: string) => dataSource.driver.escape(name);
    const columns = ['department', 'seq', 'at', 'subject', 'role', 'person_id', 'field', 'purpose', 'request_id'].map(q).join(', ');
    const lowest = `FROM ${q('audit_entry')} WHERE ${q('department')} = ? AND ${q('seq')} < 0`;
    this.sql = {
      insertNext: `INSERT INTO ${q('audit_entry')} (${columns}) SELECT ?, COALESCE(MIN(${q('seq')}), 0) - 1, ?, ?, ?, ?, ?, ?, ? ${lowest}`,
      lowest: `SELECT MIN(${q('seq')}) AS lowest ${lowest}`,
      insert: `INSERT INTO ${q('audit_entry')} (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    };
  }

  /** This process's lookups, one after another: each takes the next free negative number. */
  private lookups: Promise<unknown> = Promise.resolve();

  recordLookup(entry: Omit<AuditRow, 'seq'>): Promise<void> {
    const run = this.lookups.then(() => this.insertLookup(entry));
    this.lookups = run.catch(() => undefined);
    return run;
  }

  /**
   * The entry under the next free negative number, without a transaction of its own. On SQLite one statement reads
   * the lowest number and writes the row (it waits its turn behind open transactions on the one connection). On
   * MySQL an INSERT … SELECT would take shared locks on the department's range of the key and make lookups wait
   * behind the index writer's transactions, so the lowest number is read without locks and the row inserted after;
   * when another replica took that number in between, the key refuses it and the next one is taken.
   */
  private async insertLookup(entry: Omit<AuditRow, 'seq'>): Promise<void> {
    const { department, at, subject, role, personId, field, purpose, requestId } = entry;
    const { sql } = this;
    for (let attempt = 0; ; attempt++) {
      try {
        if (this.dataSource.options.type === 'better-sqlite3') {
          await this.transactions.statement(sql.insertNext, [
            department,
            at,
            subject,
            role,
            personId,
            field,
            purpose,
            requestId,
            department,
          ]);
        } else {
          const [{ lowest }] = await this.dataSource.query<{ lowest: number | string | null }[]>(sql.lowest, [department]);
          const seq = Math.min(Number(lowest ?? 0), 0) - 1;
          await this.dataSource.query(sql.insert, [department, seq, at, subject, role, personId, field, purpose, requestId]);
        }
        return;
      } catch (error) {
        // Another replica took the same number, or MySQL broke a lock conflict: take the next.
        if (!(isUniqueViolation(error) || isLockConflict(error)) || attempt >= 10) throw error;
      }
    }
  }

  async page(filter: { personId?: string }, first: number, after?: { at: string; department: string; seq: number }) {
    const qb = this.dataSource.getRepository<AuditRow>('AuditEntry').createQueryBuilder('a');
    if (filter.personId) qb.andWhere('a.person_id = :personId', { personId: filter.personId });
    const counting = qb.clone();
    const totalCount = countWhenAsked(() => counting.getCount());
    if (after) {
      qb.andWhere('(a.at < :at OR (a.at = :at AND (a.department < :dept OR (a.department = :dept AND a.seq < :seq))))', {
        at: after.at,
        dept: after.department,
        seq: after.seq,
      });
    }
    const rows = await qb
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.department', 'DESC')
      .addOrderBy('a.seq', 'DESC')
      .limit(first + 1)
      .getMany();
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first, totalCount };
  }
}
