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
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
  ) {}

  /** This process's lookups, one after another: each takes the next free negative number. */
  private lookups: Promise<unknown> = Promise.resolve();

  recordLookup(entry: Omit<AuditRow, 'seq'>): Promise<void> {
    const run = this.lookups.then(() => this.insertLookup(entry));
    this.lookups = run.catch(() => undefined);
    return run;
  }

  /**
   * One statement takes the next free negative number and writes the entry: no transaction of its own, no
   * round trip between reading the lowest number and using it.
   */
  private insertSql(): string {
    if (this.insertText) return this.insertText;
    const q = (name: string) => this.dataSource.driver.escape(name);
    const columns = ['department', 'seq', 'at', 'subject', 'role', 'person_id', 'field', 'purpose', 'request_id'].map(q).join(', ');
    this.insertText =
      `INSERT INTO ${q('audit_entry')} (${columns}) ` +
      `SELECT ?, COALESCE(MIN(${q('seq')}), 0) - 1, ?, ?, ?, ?, ?, ?, ? FROM ${q('audit_entry')} WHERE ${q('department')} = ? AND ${q('seq')} < 0`;
    return this.insertText;
  }

  private insertText: string | undefined;

  private async insertLookup(entry: Omit<AuditRow, 'seq'>): Promise<void> {
    const { department, at, subject, role, personId, field, purpose, requestId } = entry;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.transactions.statement(this.insertSql(), [
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
        return;
      } catch (error) {
        // Another replica took the same number, or MySQL broke a lock conflict between the two: take the next.
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
