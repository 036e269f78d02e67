import { chunks } from './chunks';
import { Transactions } from './Transactions';
import { DataSource, EntityManager, In, ObjectLiteral, Repository } from 'typeorm';
import type {
  CertificateGrade,
  CertificateKind,
  CertificateStatus,
  SkillLevel,
  TalentCategory,
  TargetGroup,
  TrainingChannel,
} from '@hub/vocabulary';
import { isWithdrawn } from '@hub/vocabulary';
import {
  CertificateFields,
  CertificateRecord,
  ChangeEntity,
  ChangeRecord,
  CoreTableSpecs,
  ExtraColumns,
  PersonRecord,
  TrainingFields,
  TrainingRecord,
} from './coreTables';
import { InQueryCache } from './InQueryCache';
import { insertRows } from './insertRows';
import { personFeedRecord } from './personFeedRecord';
import { columnName } from './tableSpec';
import { keysetPage } from './keysetPage';
import type { Page, PageOf } from './Page';
import { Absentable, absentAsNull, givenFields } from './absentFields';

/** What a write brings of a person; an absent (undefined) township keeps the stored one, null clears it. */
export type NewPerson = Absentable<Omit<PersonRecord, 'updatedAt'>, 'townshipCode'>;
/** Optional fields left absent keep the stored value (see absentFields); so do absent department columns. */
export type NewTraining = Absentable<TrainingFields, 'occupationCode' | 'endDate' | 'hours' | 'directedKind'> & ExtraColumns;
export type NewCertificate = Absentable<CertificateFields, 'occupationCode' | 'validUntil'> & ExtraColumns;

const PERSON_OPTIONAL = ['townshipCode'] as const;

/**
 * A withdrawal stands until it is undone on purpose: re-recording or re-importing the old data does not undo it, and a
 * withdrawal without a date (a sheet with no 撤销日期 column) does not erase a date already known.
 */
export function keepWithdrawal(before: CertificateRecord | undefined, incoming: NewCertificate): NewCertificate {
  if (!before || !isWithdrawn(before.status)) return incoming;
  if (!isWithdrawn(incoming.status))
    return { ...incoming, status: before.status, revokedOn: before.revokedOn, revokeReason: before.revokeReason };
  if (incoming.revokedOn === null && before.revokedOn !== null) return { ...incoming, revokedOn: before.revokedOn };
  return incoming;
}

/** What one write brings in; every part is optional. */
export interface RecordBatch {
  people?: NewPerson[];
  trainings?: NewTraining[];
  certificates?: NewCertificate[];
}

/** One refused row of an import, as its report shows it (ID numbers masked). */
export interface RefusedRow {
  row: number;
  column: string;
  value: string;
  reason: string;
}

/** A spreadsheet import as the county's data-quality lists see it: what was read and which rows were refused. */
export interface ImportRecord {
  at: string;
  file: string;
  kind: string;
  rows: number;
  rejected: number;
  /** The first MAX_REFUSED_ROWS_RECORDED refused cells; refusedTotal says how many there were. */
  refused: RefusedRow[];
  refusedTotal: number;
}

/** Refused cells kept per import: enough to fix a file, bounded so that one bad file cannot bloat the feed. */
export const MAX_REFUSED_ROWS_RECORDED = 1000;

/** Who saw which person's full ID number, when, and why. */
export interface AuditEntry {
  at: string;
  subject: string;
  role: string;
  department: string;
  personId: string;
  field: string;
  purpose: string;
  requestId: string;
}

export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface WriteResult {
  people: WriteCounts;
  trainings: WriteCounts;
  certificates: WriteCounts;
}

export interface CertificateFilter {
  personId?: string;
  townshipCode?: string;
  kind?: CertificateKind;
  talentCategory?: TalentCategory;
  level?: SkillLevel;
  grade?: CertificateGrade;
  occupationCode?: string;
  status?: CertificateStatus;
  issuedFrom?: string;
  issuedTo?: string;
}

export interface TrainingFilter {
  personId?: string;
  townshipCode?: string;
  channel?: TrainingChannel;
  targetGroup?: TargetGroup;
  occupationCode?: string;
  /** true: only 订单式/定向式 trainings; false: only the others. */
  directed?: boolean;
  startFrom?: string;
  startTo?: string;
}

function now(): string {
  return new Date().toISOString();
}

const trainingKey = (t: { personId: string; programme: string; startDate: string }): string =>
  `${t.personId}\u0000${t.programme}\u0000${t.startDate}`;

/** Fields that never make a record "changed" by themselves. */
const bookkeeping = new Set(['id', 'createdAt', 'updatedAt', 'idNumberSealed']);

function changedFields(existing: ObjectLiteral, incoming: ObjectLiteral): boolean {
  for (const [key, value] of Object.entries(incoming)) {
    // An absent field keeps the stored value, so it changes nothing.
    if (bookkeeping.has(key) || value === undefined) continue;
    const before: unknown = existing[key] ?? null;
    const after: unknown = value ?? null;
    if (String(before) !== String(after) || (before === null) !== (after === null)) return true;
  }
  return false;
}

/**
 * All SQL for the four core tables of a department. Writes are transactional and write the
 * change log in the same transaction; re-writing identical data changes nothing.
 */
export class CoreRepository {
  private readonly transactions: Transactions;

  /** The loaders' reads by key, their SQL built once (InQueryCache). */
  private readonly inQueries: InQueryCache;

  constructor(
    readonly dataSource: DataSource,
    readonly specs: CoreTableSpecs,
  ) {
    this.transactions = new Transactions(dataSource);
    this.inQueries = new InQueryCache(dataSource);
  }

  private repo<T extends ObjectLiteral>(manager: EntityManager, entity: string): Repository<T> {
    return manager.getRepository<T>(entity);
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.transactions.run(work);
  }

  async writeBatch(batch: RecordBatch, manager?: EntityManager): Promise<WriteResult> {
    if (!manager) return this.transaction((m) => this.writeBatch(batch, m));
    const result: WriteResult = {
      people: await this.writePeople(manager, batch.people ?? []),
      trainings: await this.writeTrainings(manager, batch.trainings ?? []),
      certificates: await this.writeCertificates(manager, batch.certificates ?? []),
    };
    return result;
  }

  private async appendChanges(manager: EntityManager, entity: ChangeEntity, records: ObjectLiteral[]): Promise<void> {
    const at = now();
    const rows = records.map((record) => ({
      entity,
      entityId: entity === 'person' ? String(record.personId) : String(record.id),
      personId: String(record.personId),
      payload: JSON.stringify(entity === 'person' ? personFeedRecord(record) : record),
      createdAt: at,
    }));
    await insertRows(manager, this.specs.changeLog, rows);
  }

  private async writePeople(manager: EntityManager, people: NewPerson[]): Promise<WriteCounts> {
    const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0 };
    // Several rows of one person in a batch: later given fields win, an absent one does not undo an earlier value.
    const unique = new Map<string, NewPerson>();
    for (const p of people) {
      const earlier = unique.get(p.personId);
      unique.set(p.personId, earlier ? { ...earlier, ...givenFields(p) } : p);
    }
    const repo = this.repo<PersonRecord>(manager, this.specs.person.entity);
    const changed: PersonRecord[] = [];
    for (const part of chunks([...unique.values()])) {
      const existing = new Map((await repo.findBy({ personId: In(part.map((p) => p.personId)) })).map((p) => [p.personId, p]));
      const inserts: PersonRecord[] = [];
      for (const person of part) {
        const before = existing.get(person.personId);
        if (!before) {
          inserts.push({ ...absentAsNull(person, PERSON_OPTIONAL), updatedAt: now() } as PersonRecord);
          counts.created++;
        } else if (changedFields(before, person)) {
          const { idNumberSealed: _keep, ...fields } = { ...givenFields(person), updatedAt: now() };
          await repo.update({ personId: person.personId }, fields);
          changed.push({ ...before, ...fields });
          counts.updated++;
        } else {
          counts.unchanged++;
        }
      }
      await insertRows(manager, this.specs.person, inserts);
      changed.push(...inserts);
    }
    await this.appendChanges(manager, 'person', changed);
    return counts;
  }

  private async writeCertificates(manager: EntityManager, certificates: NewCertificate[]): Promise<WriteCounts> {
    const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0 };
    const unique = new Map(certificates.map((c) => [c.certificateNumber, c]));
    const repo = this.repo<CertificateRecord>(manager, this.specs.certificate.entity);
    for (const part of chunks([...unique.values()])) {
      const numbers = part.map((c) => c.certificateNumber);
      const existing = new Map((await repo.findBy({ certificateNumber: In(numbers) })).map((c) => [c.certificateNumber, c]));
      const inserts: ObjectLiteral[] = [];
      const touched: string[] = [];
      for (const incoming of part) {
        const before = existing.get(incoming.certificateNumber);
        const certificate = keepWithdrawal(before, incoming);
        if (!before) {
          inserts.push({ ...certificate, createdAt: now(), updatedAt: now() });
          touched.push(certificate.certificateNumber);
          counts.created++;
        } else if (changedFields(before, certificate)) {
          await repo.update({ id: before.id }, { ...givenFields(certificate), updatedAt: now() } as ObjectLiteral);
          touched.push(certificate.certificateNumber);
          counts.updated++;
        } else {
          counts.unchanged++;
        }
      }
      await insertRows(manager, this.specs.certificate, inserts);
      if (touched.length) await this.appendChanges(manager, 'certificate', await repo.findBy({ certificateNumber: In(touched) }));
    }
    return counts;
  }

  private async writeTrainings(manager: EntityManager, trainings: NewTraining[]): Promise<WriteCounts> {
    const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0 };
    const unique = new Map(trainings.map((t) => [trainingKey(t), t]));
    const repo = this.repo<TrainingRecord>(manager, this.specs.training.entity);
    for (const part of chunks([...unique.values()])) {
      const personIds = [...new Set(part.map((t) => t.personId))];
      const existing = new Map((await repo.findBy({ personId: In(personIds) })).map((t) => [trainingKey(t), t]));
      const inserts: ObjectLiteral[] = [];
      const touchedIds: number[] = [];
      const insertedKeys = new Set<string>();
      for (const training of part) {
        const before = existing.get(trainingKey(training));
        if (!before) {
          inserts.push({ ...training, createdAt: now(), updatedAt: now() });
          insertedKeys.add(trainingKey(training));
          counts.created++;
        } else if (changedFields(before, training)) {
          await repo.update({ id: before.id }, { ...givenFields(training), updatedAt: now() } as ObjectLiteral);
          touchedIds.push(before.id);
          counts.updated++;
        } else {
          counts.unchanged++;
        }
      }
      await insertRows(manager, this.specs.training, inserts);
      const after = insertedKeys.size ? await repo.findBy({ personId: In(personIds) }) : [];
      const touched = after.filter((t) => insertedKeys.has(trainingKey(t)));
      if (touchedIds.length) touched.push(...(await repo.findBy({ id: In(touchedIds) })));
      await this.appendChanges(manager, 'training', touched);
    }
    return counts;
  }

  /**
   * Withdraws a certificate (REVOKED 撤销 or CANCELLED 注销) from `revokedOn`, or with the date not known (null: it then
   * counts on no date until the date is supplied); withdrawing it again on the same terms changes nothing.
   */
  async revokeCertificate(
    certificateNumber: string,
    revokedOn: string | null,
    reason: string,
    status: Exclude<CertificateStatus, 'VALID'> = 'REVOKED',
  ): Promise<CertificateRecord | null> {
    return this.transaction(async (manager) => {
      const repo = this.repo<CertificateRecord>(manager, this.specs.certificate.entity);
      const before = await repo.findOneBy({ certificateNumber });
      if (!before) return null;
      if (before.status === status && before.revokedOn === revokedOn && before.revokeReason === reason) return before;
      await repo.update({ id: before.id }, { status, revokedOn, revokeReason: reason, updatedAt: now() } as ObjectLiteral);
      const after = (await repo.findOneBy({ id: before.id })) as CertificateRecord;
      await this.appendChanges(manager, 'certificate', [after]);
      return after;
    });
  }

  /** Writes an audit entry into the change log; the caller reveals nothing unless this succeeded. */
  async recordAudit(entry: AuditEntry): Promise<void> {
    await this.transaction(async (manager) => {
      await manager.insert(this.specs.changeLog.entity, {
        entity: 'audit',
        entityId: `${entry.personId}:${entry.at}`.slice(0, 64),
        personId: entry.personId,
        payload: JSON.stringify(entry),
        createdAt: entry.at,
      });
    });
  }

  /** Writes an import and its refused rows into the change log, as recordAudit does; hrss carries it to the county index. */
  async recordImport(record: Omit<ImportRecord, 'refusedTotal'>): Promise<void> {
    const payload: ImportRecord = {
      ...record,
      refused: record.refused.slice(0, MAX_REFUSED_ROWS_RECORDED),
      refusedTotal: record.refused.length,
    };
    await this.transaction(async (manager) => {
      await manager.insert(this.specs.changeLog.entity, {
        entity: 'import',
        entityId: `${record.at}:${record.file}`.slice(0, 64),
        personId: '',
        payload: JSON.stringify(payload),
        createdAt: record.at,
      });
    });
  }

  peopleByIds(personIds: readonly string[]): Promise<PersonRecord[]> {
    return this.findIn<PersonRecord>(this.specs.person.entity, 'personId', personIds);
  }

  certificatesByPersonIds(personIds: readonly string[]): Promise<CertificateRecord[]> {
    return this.findIn<CertificateRecord>(this.specs.certificate.entity, 'personId', personIds);
  }

  trainingsByPersonIds(personIds: readonly string[]): Promise<TrainingRecord[]> {
    return this.findIn<TrainingRecord>(this.specs.training.entity, 'personId', personIds);
  }

  certificatesByIds(ids: readonly number[]): Promise<CertificateRecord[]> {
    return this.findIn<CertificateRecord>(this.specs.certificate.entity, 'id', ids);
  }

  trainingByKey(personId: string, programme: string, startDate: string): Promise<TrainingRecord | null> {
    return this.dataSource.getRepository<TrainingRecord>(this.specs.training.entity).findOneBy({ personId, programme, startDate });
  }

  certificateByNumber(certificateNumber: string): Promise<CertificateRecord | null> {
    return this.dataSource.getRepository<CertificateRecord>(this.specs.certificate.entity).findOneBy({ certificateNumber });
  }

  private async findIn<T extends ObjectLiteral>(entity: string, property: string, values: readonly unknown[]): Promise<T[]> {
    if (values.length === 0) return [];
    const out: T[] = [];
    // One statement for up to 1,000 keys: a request's loaders never get more than that.
    for (const part of chunks([...values], 1000)) out.push(...(await this.inQueries.findIn<T>(entity, property, part)));
    return out;
  }

  async listCertificates(filter: CertificateFilter, page: Page): Promise<PageOf<CertificateRecord>> {
    const spec = this.specs.certificate;
    const c = (p: string) => `c.${columnName(spec, p)}`;
    const build = () => {
      const qb = this.dataSource.getRepository<CertificateRecord>(spec.entity).createQueryBuilder('c');
      if (filter.townshipCode) {
        qb.innerJoin(this.specs.person.entity, 'p', `p.person_id = ${c('personId')}`).andWhere('p.township_code = :township', {
          township: filter.townshipCode,
        });
      }
      const equals: (keyof CertificateFilter)[] = ['personId', 'kind', 'talentCategory', 'level', 'grade', 'occupationCode', 'status'];
      for (const key of equals) if (filter[key]) qb.andWhere(`${c(key)} = :${key}`, { [key]: filter[key] });
      if (filter.issuedFrom) qb.andWhere(`${c('issuedOn')} >= :issuedFrom`, { issuedFrom: filter.issuedFrom });
      if (filter.issuedTo) qb.andWhere(`${c('issuedOn')} <= :issuedTo`, { issuedTo: filter.issuedTo });
      return qb;
    };
    return this.page(build, c('id'), page);
  }

  async listTrainings(filter: TrainingFilter, page: Page): Promise<PageOf<TrainingRecord>> {
    const spec = this.specs.training;
    const t = (p: string) => `t.${columnName(spec, p)}`;
    const build = () => {
      const qb = this.dataSource.getRepository<TrainingRecord>(spec.entity).createQueryBuilder('t');
      if (filter.townshipCode) {
        qb.innerJoin(this.specs.person.entity, 'p', `p.person_id = ${t('personId')}`).andWhere('p.township_code = :township', {
          township: filter.townshipCode,
        });
      }
      const equals: (keyof TrainingFilter)[] = ['personId', 'channel', 'targetGroup', 'occupationCode'];
      for (const key of equals) if (filter[key]) qb.andWhere(`${t(key)} = :${key}`, { [key]: filter[key] });
      if (filter.directed === true) qb.andWhere(`${t('directedKind')} IS NOT NULL`);
      if (filter.directed === false) qb.andWhere(`${t('directedKind')} IS NULL`);
      if (filter.startFrom) qb.andWhere(`${t('startDate')} >= :startFrom`, { startFrom: filter.startFrom });
      if (filter.startTo) qb.andWhere(`${t('startDate')} <= :startTo`, { startTo: filter.startTo });
      return qb;
    };
    return this.page(build, t('id'), page);
  }

  private async page<T extends ObjectLiteral>(
    build: () => import('typeorm').SelectQueryBuilder<T>,
    idColumn: string,
    page: Page,
  ): Promise<PageOf<T>> {
    return keysetPage(build, idColumn, page);
  }

  /** The change feed: rows after a cursor, oldest first. */
  async changesAfter(seq: number, limit: number): Promise<ChangeRecord[]> {
    // Plain SQL: pages of thousands of rows are read on every sync, entity hydration would dominate.
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      'SELECT seq, entity, entity_id, person_id, payload, created_at FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?',
      [seq, limit],
    );
    return rows.map((r) => ({
      seq: Number(r.seq),
      entity: r.entity as ChangeEntity,
      entityId: String(r.entity_id),
      personId: String(r.person_id),
      // Person rows logged before the feed was narrowed still hold the birth date: served through the same view.
      payload:
        r.entity === 'person'
          ? JSON.stringify(personFeedRecord(JSON.parse(String(r.payload)) as Record<string, unknown>))
          : String(r.payload),
      createdAt: String(r.created_at),
    }));
  }

  async latestSeq(): Promise<number> {
    const row = await this.dataSource
      .getRepository<ChangeRecord>(this.specs.changeLog.entity)
      .createQueryBuilder('l')
      .select('MAX(l.seq)', 'max')
      .getRawOne<{ max: number | string | null }>();
    return Number(row?.max ?? 0);
  }
}
