import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { chunks, insertRows, personFeedRecord, TableSpec, Transactions } from '@hub/subgraph-kit';
import type { ChangeEntity } from '@hub/subgraph-kit';
import { auditEntry, holding, importRefusal, importRun, personMaster, personSeen, trainingFact } from '../entities/indexTables';
import type { FeedCursorRepository } from './FeedCursorRepository';
import type { IndexGate } from './IndexGate';
import type { IndexSequence } from './IndexSequence';
import type { PersonMasterRow } from './PersonMasterRepository';
import {
  CertificateGrade,
  CertificateStatus,
  Department,
  gradeOfSkillLevel,
  isWithdrawn,
  kindInfo,
  levelNumber,
  SkillLevel,
  CertificateKind,
} from '@hub/vocabulary';

/** One change as a department's feed serves it. */
export interface FeedChange {
  seq: number;
  entity: ChangeEntity;
  entityId: string;
  personId: string;
  at: string;
  record: Record<string, unknown>;
}

interface KeyedRow {
  seq: number;
  [column: string]: unknown;
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
    certificateNumber: r.certificateNumber ? String(r.certificateNumber).slice(0, 64) : null,
    issuingBody: r.issuingBody ? String(r.issuingBody).slice(0, 128) : null,
    seq: change.seq,
  };
}

/**
 * The directed-training mark of a training: 1 when the department recorded it 订单式/定向式 (directedKind), 0 when it
 * recorded it as neither. A change written before departments recorded the field (no directedKind at all) keeps the
 * mark the index already holds (`kept`), or none (null, not counted) when the index holds none.
 */
export function directedMark(record: Record<string, unknown>, kept: number | null): number | null {
  if (!('directedKind' in record)) return kept;
  return record.directedKind ? 1 : 0;
}

function trainingRow(department: Department, change: FeedChange, kept: number | null = null) {
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
    // hrss's 企业新型学徒制 flag and the directed-training mark: the ledger counts both from the index.
    apprenticeship:
      r.apprenticeship === undefined || r.apprenticeship === null
        ? null
        : Number(r.apprenticeship === true || Number(r.apprenticeship) === 1),
    directed: directedMark(r, kept),
    seq: change.seq,
  };
}

function personSeenRow(department: Department, change: FeedChange) {
  // The same view the feed serves, so a feed of any version yields the current mask and the birth year only.
  const r = personFeedRecord({ ...change.record, personId: change.personId });
  return {
    personId: change.personId,
    department,
    name: r.name,
    idNumberMasked: r.idNumberMasked,
    sex: r.sex,
    birthYear: r.birthYear,
    townshipCode: r.townshipCode,
    updatedAt: r.updatedAt ?? change.at,
    seq: change.seq,
  };
}

/**
 * Writes the county holder index: every department's certificates, trainings and person descriptions,
 * applied from their change feeds idempotently (a row only moves forward in its feed's order), one page at a
 * time through the gate, with the feed's cursor and the index's change sequence (the persons the page touched,
 * for the other replicas) in the same transaction. Only the holder of the feed lease writes (IndexSequence).
 */
export class IndexWriter {
  constructor(
    private readonly transactions: Transactions,
    private readonly gate: IndexGate,
    private readonly cursors: FeedCursorRepository,
    private readonly sequence: IndexSequence,
  ) {}

  /** Applies one page of a department's feed and moves its cursor, in one transaction. */
  apply(department: Department, changes: FeedChange[], latestSeq: number): Promise<void> {
    return this.gate.exclusive(() => this.applyNow(department, changes, latestSeq));
  }

  private async applyNow(department: Department, changes: FeedChange[], latestSeq: number): Promise<void> {
    const touched = new Set<string>();
    const seq = await this.transactions.run(async (manager) => {
      // An empty page only moves the cursor's "last asked" marks: no step of the sequence for it.
      if (!changes.length) {
        await this.cursors.advance(manager, department, [], latestSeq);
        return null;
      }
      // First, so that on MySQL the lease row stays locked until commit: pages of two leaders cannot interleave.
      const step = await this.sequence.nextForLeader(manager);
      const byEntity = (entity: FeedChange['entity']) => newestById(changes.filter((c) => c.entity === entity));
      await this.upsertNewer(manager, holding, 'certificate_id', department, byEntity('certificate'), certificateRow, touched);
      const trainings = byEntity('training');
      const kept = await this.keptDirectedMarks(manager, department, [...trainings.values()]);
      await this.upsertNewer(
        manager,
        trainingFact,
        'training_id',
        department,
        trainings,
        (d, c) => trainingRow(d, c, kept.get(c.entityId) ?? null),
        touched,
      );
      const described = new Set<string>();
      await this.upsertNewer(manager, personSeen, 'person_id', department, byEntity('person'), personSeenRow, described);
      await this.refreshMasters(manager, [...described]);
      for (const personId of described) touched.add(personId);
      await this.insertAudits(
        manager,
        department,
        changes.filter((c) => c.entity === 'audit'),
      );
      await this.insertImports(
        manager,
        department,
        changes.filter((c) => c.entity === 'import'),
      );
      await this.cursors.advance(
        manager,
        department,
        changes.map((c) => c.seq),
        latestSeq,
      );
      await this.sequence.record(manager, step, touched);
      return step;
    });
    if (seq === null) return;
    this.sequence.madeHere(seq);
    this.gate.applied(touched);
  }

  /** The stored directed marks of the trainings whose changes predate the directedKind field (see directedMark). */
  private async keptDirectedMarks(
    manager: EntityManager,
    department: Department,
    changes: FeedChange[],
  ): Promise<Map<string, number | null>> {
    const kept = new Map<string, number | null>();
    const legacy = changes.filter((c) => !('directedKind' in c.record)).map((c) => c.entityId);
    for (const part of chunks(legacy)) {
      const rows: { id: string; directed: number | null }[] = await manager.query(
        `SELECT training_id AS id, directed FROM ${trainingFact.table} WHERE department = ? AND training_id IN (${part.map(() => '?').join(',')})`,
        [department, ...part],
      );
      for (const row of rows) kept.set(String(row.id), row.directed === null ? null : Number(row.directed));
    }
    return kept;
  }

  /** Audit entries are append-only; a replayed one is skipped by its (department, seq) key. */
  private async insertAudits(manager: EntityManager, department: Department, audits: FeedChange[]): Promise<void> {
    if (!audits.length) return;
    const seqs = audits.map((a) => a.seq);
    // The entities are EntitySchemas named by string: findBy cannot type their columns.
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

  /** Imports and their refused rows are append-only like audits; a replayed one is skipped by its (department, seq) key. */
  private async insertImports(manager: EntityManager, department: Department, imports: FeedChange[]): Promise<void> {
    if (!imports.length) return;
    const existing = await manager
      .getRepository<{ seq: number }>('ImportRun')
      // The entities are EntitySchemas named by string: findBy cannot type their columns.
      .findBy({ department, seq: In(imports.map((i) => i.seq)) } as never);
    const seen = new Set(existing.map((e) => Number(e.seq)));
    const fresh = imports.filter((i) => !seen.has(i.seq));
    const text = (value: unknown, length: number) => String(value ?? '').slice(0, length);
    await insertRows(
      manager,
      importRun,
      fresh.map((i) => ({
        department,
        seq: i.seq,
        at: text(i.record.at, 24),
        file: text(i.record.file, 255),
        kind: text(i.record.kind, 16),
        rows: Number(i.record.rows) || 0,
        rejected: Number(i.record.rejected) || 0,
        refusedTotal: Number(i.record.refusedTotal) || 0,
      })),
    );
    const refusals = fresh.flatMap((i) =>
      (Array.isArray(i.record.refused) ? (i.record.refused as Record<string, unknown>[]) : []).map((r, position) => ({
        department,
        seq: i.seq,
        position,
        row: Number(r.row) || 0,
        column: text(r.column, 128),
        value: text(r.value, 255),
        reason: text(r.reason, 500),
      })),
    );
    await insertRows(manager, importRefusal, refusals);
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
        await manager.query<Record<string, unknown>[]>(
          `SELECT person_id, department, name, id_number_masked, sex, birth_year, township_code, updated_at, seq FROM person_seen WHERE person_id IN (${part.map(() => '?').join(',')})`,
          part,
        )
      ).map((r: Record<string, unknown>) => ({
        personId: String(r.person_id),
        department: r.department as Department,
        name: String(r.name),
        idNumberMasked: String(r.id_number_masked),
        sex: String(r.sex),
        birthYear: r.birth_year === null || r.birth_year === undefined ? null : Number(r.birth_year),
        townshipCode: (r.township_code as string | null) ?? null,
        updatedAt: String(r.updated_at),
        seq: Number(r.seq),
      }));
      const byPerson = new Map<string, ReturnType<typeof personSeenRow>[]>();
      for (const row of seen) byPerson.set(row.personId, [...(byPerson.get(row.personId) ?? []), row]);
      const masters: PersonMasterRow[] = [];
      for (const [personId, rows] of byPerson) {
        // Each department's copy stays in person_seen. The master shows hrss's copy, else the most recently
        // updated one; a township from the first copy in that order that has one (not knowing is no disagreement).
        const ordered = [...rows].sort((a, b) =>
          a.department === 'HRSS' ? -1 : b.department === 'HRSS' ? 1 : b.updatedAt.localeCompare(a.updatedAt),
        );
        const best = ordered[0];
        masters.push({
          personId,
          name: best.name,
          idNumberMasked: best.idNumberMasked,
          sex: best.sex,
          birthYear: ordered.find((r) => r.birthYear !== null)?.birthYear ?? null,
          townshipCode: ordered.find((r) => r.townshipCode !== null)?.townshipCode ?? null,
          departments: rows
            .map((r) => r.department)
            .sort()
            .join(','),
        });
      }
      await manager.query(`DELETE FROM person_master WHERE person_id IN (${part.map(() => '?').join(',')})`, part);
      await insertRows(manager, personMaster, masters);
    }
  }
}
