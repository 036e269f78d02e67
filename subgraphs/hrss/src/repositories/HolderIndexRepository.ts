import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { countWhenAsked, insertRows, TableSpec } from '@hub/subgraph-kit';
import type { ChangeEntity, CoreRepository } from '@hub/subgraph-kit';
import { auditEntry, holding, personMaster, personSeen, trainingFact } from '../entities/indexTables';
import { CertificateGrade, CertificateStatus, Department, gradeOfSkillLevel, isWithdrawn, kindInfo, levelNumber, SkillLevel, CertificateKind } from '@hub/vocabulary';

/** One change as a department's feed serves it. */
export interface FeedChange {
  seq: number;
  entity: ChangeEntity;
  entityId: string;
  personId: string;
  at: string;
  record: Record<string, unknown>;
}

export interface FeedCursorRow {
  department: Department;
  lastSeq: number;
  latestSeq: number;
  lastSyncedAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
}

export interface AuditRow {
  department: Department;
  seq: number;
  at: string;
  subject: string;
  role: string;
  personId: string;
  field: string;
  purpose: string;
  requestId: string;
}

export interface PersonMasterRow {
  personId: string;
  name: string;
  idNumberMasked: string;
  sex: string;
  birthDate: string;
  townshipCode: string | null;
  departments: string;
}

interface KeyedRow {
  seq: number;
  [column: string]: unknown;
}

const CHUNK = 400;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Keeps the newest change of each record in a batch. */
function newestById(changes: FeedChange[]): Map<string, FeedChange> {
  const out = new Map<string, FeedChange>();
  for (const change of changes) {
    const seen = out.get(change.entityId);
    if (!seen || seen.seq < change.seq) out.set(change.entityId, change);
  }
  return out;
}

/** The grade a change carries; changes written before grades existed carry only the skill level. */
function gradeOfChange(kind: CertificateKind, r: Record<string, unknown>): CertificateGrade | null {
  if (r.grade !== undefined) return (r.grade as CertificateGrade | null) ?? null;
  if (r.level) return gradeOfSkillLevel(r.level as SkillLevel);
  return kindInfo[kind]?.ladder ? 'UNKNOWN' : null;
}

function certificateRow(department: Department, change: FeedChange) {
  const r = change.record;
  const kind = r.kind as CertificateKind;
  const status = (r.status as CertificateStatus | undefined) ?? 'VALID';
  return {
    department,
    certificateId: change.entityId,
    personId: String(r.personId),
    kind,
    talentCategory: String(r.talentCategory),
    skilled: kindInfo[kind]?.skilled ? 1 : 0,
    levelNumber: r.level ? levelNumber(r.level as SkillLevel) : null,
    occupationCode: (r.occupationCode as string | null) ?? null,
    issuedOn: String(r.issuedOn),
    validUntil: (r.validUntil as string | null) ?? null,
    status,
    // A withdrawn certificate stops counting from its date; without one (NULL) it counts on no date (countsOn).
    revokedOn: isWithdrawn(status) ? ((r.revokedOn as string | null) ?? null) : null,
    grade: gradeOfChange(kind, r),
    seq: change.seq,
  };
}

function trainingRow(department: Department, change: FeedChange) {
  const r = change.record;
  return {
    department,
    trainingId: change.entityId,
    personId: String(r.personId),
    channel: String(r.channel),
    targetGroup: String(r.targetGroup),
    occupationCode: (r.occupationCode as string | null) ?? null,
    startDate: String(r.startDate),
    endDate: (r.endDate as string | null) ?? null,
    outcome: String(r.outcome),
    seq: change.seq,
  };
}

function personSeenRow(department: Department, change: FeedChange) {
  const r = change.record;
  return {
    personId: change.personId,
    department,
    name: String(r.name),
    idNumberMasked: String(r.idNumberMasked),
    sex: String(r.sex),
    birthDate: String(r.birthDate),
    townshipCode: (r.townshipCode as string | null) ?? null,
    updatedAt: String(r.updatedAt ?? change.at),
    seq: change.seq,
  };
}

/**
 * The county holder index: every department's certificates, trainings and person descriptions,
 * applied from their change feeds idempotently (a row only moves forward in its feed's order).
 */
export class HolderIndexRepository {
  /** Bumped on every applied batch; caches of figures key on it. */
  version = 0;
  private readonly appliedListeners: ((personIds: ReadonlySet<string>) => void)[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly core: CoreRepository,
  ) {}

  async cursors(): Promise<FeedCursorRow[]> {
    const rows = await this.dataSource.getRepository<FeedCursorRow>('FeedCursor').find();
    return rows.map((r) => ({ ...r, lastSeq: Number(r.lastSeq), latestSeq: Number(r.latestSeq) }));
  }

  async cursor(department: Department): Promise<number> {
    const row = await this.dataSource.getRepository<FeedCursorRow>('FeedCursor').findOneBy({ department });
    return row ? Number(row.lastSeq) : 0;
  }

  /**
   * Applies one page of a department's feed and moves its cursor, in one transaction. Pages are applied
   * one at a time, whatever the database: the person master merges what several departments said of
   * one person, and two concurrent merges would each miss the other's (and deadlock on MySQL).
   */
  apply(department: Department, changes: FeedChange[], latestSeq: number): Promise<void> {
    return this.exclusive(() => this.applyNow(department, changes, latestSeq));
  }

  private applying: Promise<unknown> = Promise.resolve();

  /**
   * Runs `work` between applied pages: no page is being applied while it runs, and none starts until it ends.
   * Readers that must see the index as of one commit (the county's figures) read through it.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.applying.then(work);
    this.applying = run.catch(() => undefined);
    return run;
  }

  /** Calls `listener` after each applied page with the persons whose certificates, trainings or description it changed. */
  onApplied(listener: (personIds: ReadonlySet<string>) => void): void {
    this.appliedListeners.push(listener);
  }

  private async applyNow(department: Department, changes: FeedChange[], latestSeq: number): Promise<void> {
    const touched = new Set<string>();
    await this.core.transaction(async (manager) => {
      const byEntity = (entity: FeedChange['entity']) => newestById(changes.filter((c) => c.entity === entity));
      await this.upsertNewer(manager, holding, 'certificate_id', department, byEntity('certificate'), certificateRow, touched);
      await this.upsertNewer(manager, trainingFact, 'training_id', department, byEntity('training'), trainingRow, touched);
      const described = new Set<string>();
      await this.upsertNewer(manager, personSeen, 'person_id', department, byEntity('person'), personSeenRow, described);
      await this.refreshMasters(manager, [...described]);
      for (const personId of described) touched.add(personId);
      await this.insertAudits(manager, department, changes.filter((c) => c.entity === 'audit'));
      const cursors = manager.getRepository<FeedCursorRow>('FeedCursor');
      const before = await cursors.findOneBy({ department });
      const lastSeq = Math.max(before ? Number(before.lastSeq) : 0, ...changes.map((c) => c.seq));
      const now = new Date().toISOString();
      await cursors.save({ department, lastSeq, latestSeq: Math.max(latestSeq, lastSeq), lastSyncedAt: now, lastAttemptAt: now, lastError: null });
    });
    if (!changes.length) return;
    for (const listener of this.appliedListeners) listener(touched);
    this.version++;
  }

  /** Audit entries are append-only; a replayed one is skipped by its (department, seq) key. */
  private async insertAudits(manager: EntityManager, department: Department, audits: FeedChange[]): Promise<void> {
    if (!audits.length) return;
    const seqs = audits.map((a) => a.seq);
    const existing = await manager.getRepository<{ seq: number }>('AuditEntry').findBy({ department, seq: In(seqs) } as never);
    const seen = new Set(existing.map((e) => Number(e.seq)));
    const rows = audits
      .filter((a) => !seen.has(a.seq))
      .map((a) => ({
        department,
        seq: a.seq,
        at: String(a.record.at),
        subject: String(a.record.subject),
        role: String(a.record.role),
        personId: a.personId,
        field: String(a.record.field),
        purpose: String(a.record.purpose),
        requestId: String(a.record.requestId),
      }));
    await insertRows(manager, auditEntry, rows);
  }

  async auditPage(filter: { personId?: string }, first: number, after?: { at: string; department: string; seq: number }) {
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
    const rows = await qb.orderBy('a.at', 'DESC').addOrderBy('a.department', 'DESC').addOrderBy('a.seq', 'DESC').limit(first + 1).getMany();
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first, totalCount };
  }

  /** Remembers that a department could not be reached; its data stays as it was. */
  async recordFailure(department: Department, message: string): Promise<void> {
    await this.core.transaction(async (manager) => {
      const cursors = manager.getRepository<FeedCursorRow>('FeedCursor');
      const before = await cursors.findOneBy({ department });
      await cursors.save({
        department,
        lastSeq: before ? Number(before.lastSeq) : 0,
        latestSeq: before ? Number(before.latestSeq) : 0,
        lastSyncedAt: before?.lastSyncedAt ?? null,
        lastAttemptAt: new Date().toISOString(),
        lastError: message.slice(0, 255),
      });
    });
  }

  /**
   * Replaces rows whose stored change is older than the incoming one. Adds to `touched` the persons of the rows
   * written and of the rows they replaced (a corrected certificate may move from one person to another).
   */
  private async upsertNewer<R extends KeyedRow>(
    manager: EntityManager,
    spec: TableSpec,
    idColumn: string,
    department: Department,
    changes: Map<string, FeedChange>,
    toRow: (department: Department, change: FeedChange) => R,
    touched: Set<string>,
  ): Promise<void> {
    for (const part of chunks([...changes.values()])) {
      const ids = part.map((c) => c.entityId);
      const marks = ids.map(() => '?').join(',');
      const existing: { id: string; seq: number; owner: string }[] = await manager.query(
        `SELECT ${idColumn} AS id, seq, person_id AS owner FROM ${spec.table} WHERE department = ? AND ${idColumn} IN (${marks})`,
        [department, ...ids],
      );
      const stored = new Map(existing.map((row) => [String(row.id), { seq: Number(row.seq), owner: String(row.owner) }]));
      const fresh = part.filter((c) => (stored.get(c.entityId)?.seq ?? 0) < c.seq);
      if (!fresh.length) continue;
      const replaced = fresh.map((c) => c.entityId).filter((id) => stored.has(id));
      if (replaced.length) {
        await manager.query(`DELETE FROM ${spec.table} WHERE department = ? AND ${idColumn} IN (${replaced.map(() => '?').join(',')})`, [
          department,
          ...replaced,
        ]);
        for (const id of replaced) touched.add(stored.get(id)!.owner);
      }
      const rows = fresh.map((c) => toRow(department, c));
      await insertRows(manager, spec, rows);
      for (const row of rows) touched.add(String(row.personId));
    }
  }

  /** Rebuilds the master record of the given persons from what each department said of them. */
  private async refreshMasters(manager: EntityManager, personIds: string[]): Promise<void> {
    const unique = [...new Set(personIds)];
    for (const part of chunks(unique)) {
      const seen: ReturnType<typeof personSeenRow>[] = (
        await manager.query(
          `SELECT person_id, department, name, id_number_masked, sex, birth_date, township_code, updated_at, seq FROM person_seen WHERE person_id IN (${part.map(() => '?').join(',')})`,
          part,
        )
      ).map((r: Record<string, unknown>) => ({
        personId: String(r.person_id),
        department: r.department as Department,
        name: String(r.name),
        idNumberMasked: String(r.id_number_masked),
        sex: String(r.sex),
        birthDate: String(r.birth_date),
        townshipCode: (r.township_code as string | null) ?? null,
        updatedAt: String(r.updated_at),
        seq: Number(r.seq),
      }));
      const byPerson = new Map<string, ReturnType<typeof personSeenRow>[]>();
      for (const row of seen) byPerson.set(row.personId, [...(byPerson.get(row.personId) ?? []), row]);
      const masters: PersonMasterRow[] = [];
      for (const [personId, rows] of byPerson) {
        // hrss keeps the master record; otherwise the most recent description wins.
        const best = rows.find((r) => r.department === 'HRSS') ?? [...rows].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
        masters.push({
          personId,
          name: best.name,
          idNumberMasked: best.idNumberMasked,
          sex: best.sex,
          birthDate: best.birthDate,
          townshipCode: best.townshipCode,
          departments: rows.map((r) => r.department).sort().join(','),
        });
      }
      await manager.query(`DELETE FROM person_master WHERE person_id IN (${part.map(() => '?').join(',')})`, part);
      await insertRows(manager, personMaster, masters);
    }
  }

  async mastersByIds(personIds: readonly string[]): Promise<PersonMasterRow[]> {
    const out: PersonMasterRow[] = [];
    for (const part of chunks([...personIds], 1000)) {
      out.push(...(await this.dataSource.getRepository<PersonMasterRow>('PersonMaster').findBy({ personId: In(part) })));
    }
    return out;
  }

  async peoplePage(
    filter: { townshipCode?: string; department?: Department },
    first: number,
    afterPersonId?: string,
  ): Promise<{ rows: PersonMasterRow[]; hasNextPage: boolean; totalCount: () => Promise<number> }> {
    const build = () => {
      const qb = this.dataSource.getRepository<PersonMasterRow>('PersonMaster').createQueryBuilder('m');
      if (filter.townshipCode) qb.andWhere('m.township_code = :township', { township: filter.townshipCode });
      // departments is a comma list such as EDUCATION,HRSS; no department name contains another.
      if (filter.department) qb.andWhere('m.departments LIKE :department', { department: `%${filter.department}%` });
      return qb;
    };
    const totalCount = countWhenAsked(() => build().getCount());
    const qb = build();
    if (afterPersonId) qb.andWhere('m.person_id > :after', { after: afterPersonId });
    const rows = await qb.orderBy('m.person_id', 'ASC').limit(first + 1).getMany();
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first, totalCount };
  }

  query<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    return this.dataSource.query(sql, parameters);
  }

  isMysql(): boolean {
    return this.dataSource.options.type === 'mysql';
  }

  async targets(): Promise<Map<string, { label: string; target: number; clause: string }>> {
    const rows = await this.dataSource.getRepository<{ key: string; label: string; target: string; clause: string }>('PlanTarget').find();
    return new Map(rows.map((r) => [r.key, { label: r.label, target: Number(r.target), clause: r.clause }]));
  }

  async countyInput(key: string): Promise<{ value: string; note: string | null; updatedAt: string } | null> {
    return this.dataSource.getRepository<{ key: string; value: string; note: string | null; updatedAt: string }>('CountyInput').findOneBy({ key });
  }

  async setCountyInput(key: string, value: string, note: string | null): Promise<void> {
    await this.core.transaction(async (manager) => {
      await manager.getRepository('CountyInput').save({ key, value, note, updatedAt: new Date().toISOString() });
    });
    this.version++;
  }
}
