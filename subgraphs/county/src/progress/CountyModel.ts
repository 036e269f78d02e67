import { departments, isWithdrawn, kindInfo, sexes, trainingChannels } from '@hub/vocabulary';
import type { CertificateKind } from '@hub/vocabulary';
import type { HoldingFact, PersonFact, TrainingFact } from '../repositories/CountyFactsRepository';
import { ageBandFloors, ageBandIndex, ageBandKeys } from './aggregateTypes';
import type { AggregateDimension, AggregateFilter, AggregateRowCounts } from './aggregateTypes';
import { IntColumn, IntColumnType, Interner, PersonChains } from './PersonChains';

export interface HeadlineCounts {
  holders: number;
  skilled: number;
  midHigh: number;
  high: number;
}

/**
 * Every count's cell key (@hub/auth cellKey): the sum mod 2^32 of its persons' record keys, a person once per
 * person counted, once per record for counts of records. Disclosure control reads them; the figures never show them.
 */
export type CellKeys<T> = { readonly [K in keyof T as T[K] extends number ? K : never]: number };

export interface DepartmentCounts {
  department: string;
  holders: number;
  overlap: number;
  certificates: number;
  cellKeys: CellKeys<{ holders: number; overlap: number; certificates: number }>;
}

export interface GroupCounts {
  key: string | null;
  holders: number;
  certificates: number;
  cellKeys: CellKeys<{ holders: number; certificates: number }>;
}

export interface MonthCounts {
  month: string;
  certificatesIssued: number;
  newHolders: number;
  trainingsStarted: number;
  cellKeys: { certificatesIssued: number; newHolders: number; trainingsStarted: number };
}

export interface CountingRules {
  /** 4: 四级/中级工 or above is mid/high-skilled. */
  midHighMaxLevel: number;
  /** 3: 三级/高级工 or above is high-skilled. */
  highMaxLevel: number;
  /** Whether a skilled certificate without a level (e.g. a 专项职业能力证书) counts as mid/high. */
  unlevelledIsMidHigh: boolean;
}

export interface ModelCounts {
  headline: HeadlineCounts;
  trainingPersonTimes: number;
  newlyCertified: number;
  newHighSkilled: number;
  cellKeys: HeadlineCounts & { trainingPersonTimes: number; newlyCertified: number; newHighSkilled: number };
  byDepartment: DepartmentCounts[];
  byTownship: GroupCounts[];
  byTalentCategory: GroupCounts[];
  byLevel: GroupCounts[];
  byOccupation: GroupCounts[];
  byMonth: MonthCounts[];
}

/** A date as the integer yyyymmdd, which orders like the ISO text it comes from. */
export function dayNumber(iso: string): number {
  return Number(iso.slice(0, 4)) * 10000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));
}

const NEVER = 99_999_999;
const UNLADDERED_SKILLED = 2;
/** Before every date: the REVOKED column of a certificate that counts on no date at all. */
const ALWAYS = 0;

/**
 * The REVOKED column of a holding: the first day it no longer counts. countsOn's withdrawal rule, as a day number:
 * a valid certificate NEVER; a withdrawn one from its date, or ALWAYS while the date is not known.
 */
export function revokedDay(h: Pick<HoldingFact, 'status' | 'revokedOn'>): number {
  if (!isWithdrawn(h.status)) return NEVER;
  return h.revokedOn === null ? ALWAYS : dayNumber(h.revokedOn);
}
const monthText = (yyyymm: number) => `${Math.floor(yyyymm / 100)}-${String(yyyymm % 100).padStart(2, '0')}`;

// Columns of a holding row.
const DEPARTMENT = 0;
const CATEGORY = 1;
const SKILLED = 2; // 0 not skilled; 1 a skilled kind on the skill ladder; UNLADDERED_SKILLED a skilled kind without levels
const LEVEL = 3; // 1…5, 0 when the kind has no level
const OCCUPATION = 4; // interned, -1 when none
const ISSUED = 5;
const VALID_UNTIL = 6; // NEVER when open-ended
const REVOKED = 7; // revokedDay: NEVER when valid, ALWAYS when withdrawn without a date
const KIND = 8;
/** Column types in the order above: interned and small values in one or two bytes, days and occupations in four. */
const HOLDING_COLUMNS: IntColumnType[] = [
  Int8Array,
  Int16Array,
  Int8Array,
  Int8Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int32Array,
  Int16Array,
];
const LEVELS = 6;
// Columns of a training row (only trainings that count: every outcome but dropped).
const START = 0;
const TRAINING_DEPARTMENT = 1;
const TRAINING_OCCUPATION = 2; // interned, -1 when none
const TRAINING_CHANNEL = 3; // index in trainingChannels, -1 when not one of them
const TRAINING_GROUP = 4; // interned target group
const TRAINING_COLUMNS: IntColumnType[] = [Int32Array, Int8Array, Int32Array, Int8Array, Int16Array];
/** Dimensions that describe a training and not a certificate: certificates cannot be grouped by them. */
const TRAINING_ONLY: readonly AggregateDimension[] = ['TARGET_GROUP', 'CHANNEL'];
/** No interned value matches a filter on it: nothing passes. */
const NO_MATCH = -2;

/** How one grouping dimension reads a row: its slot in [0, radix), and the key a slot stands for. */
interface Axis {
  radix: number;
  slot: (row: number, person: number) => number;
  key: (slot: number) => string | null;
}

/**
 * The holder index in memory, person by person: every certificate's counting facts and every countable
 * training's start, in typed arrays. The county's figures for any date are one pass over it (tens of
 * milliseconds at 300,000 persons), so a new certificate shows in the totals as soon as its person is refreshed.
 * It follows the counting rule (`countsOn`, docs/architecture.md) exactly: a certificate counts on D when issued on or before D, not
 * revoked by D and not expired on D.
 */
export class CountyModel {
  private readonly ids = new Map<string, number>();
  private township = new Int32Array(1024).fill(-1);
  /** Each person's record key for the cell-key method (disclosure control). */
  private recordKey = new Uint32Array(1024);
  /** 1 + the index in `sexes`, 0 when not known. */
  private sex = new Int8Array(1024);
  /** 0 when not known. */
  private birthYear = new Int32Array(1024);
  private readonly holdings = new PersonChains(HOLDING_COLUMNS);
  private readonly trainings = new PersonChains(TRAINING_COLUMNS);
  private readonly townships = new Interner();
  private readonly categories = new Interner();
  private readonly kinds = new Interner();
  private readonly occupations = new Interner();
  private readonly targetGroups = new Interner();
  private readonly departmentIds = new Map<string, number>(departments.map((d, i) => [d, i]));

  /** `recordKeyOf` gives a person's record key (HMAC with the service's secret); tests may leave it out (all keys 0). */
  constructor(private readonly recordKeyOf: (personId: string) => number = () => 0) {}

  /** Persons the model knows. */
  get persons(): number {
    return this.ids.size;
  }

  /** Replaces what the model knows of the given persons; a person absent from the facts is emptied. */
  put(personIds: Iterable<string>, persons: PersonFact[], holdings: HoldingFact[], trainings: TrainingFact[]): void {
    const byPerson = <T extends { personId: string }>(rows: T[]) => {
      const out = new Map<string, T[]>();
      for (const row of rows) {
        const list = out.get(row.personId);
        if (list) list.push(row);
        else out.set(row.personId, [row]);
      }
      return out;
    };
    const personOf = new Map(persons.map((p) => [p.personId, p]));
    const holdingsOf = byPerson(holdings);
    const trainingsOf = byPerson(trainings);
    const values: number[] = [];
    for (const personId of new Set([...personIds, ...personOf.keys(), ...holdingsOf.keys(), ...trainingsOf.keys()])) {
      const p = this.indexOf(personId);
      const described = personOf.get(personId);
      this.township[p] = this.townships.id(described?.townshipCode ?? null);
      this.sex[p] = 1 + sexes.indexOf(described?.sex as (typeof sexes)[number]);
      this.birthYear[p] = described?.birthYear ?? 0;
      this.recordKey[p] = this.recordKeyOf(personId);
      values.length = 0;
      for (const h of holdingsOf.get(personId) ?? []) {
        // In column order: DEPARTMENT … KIND.
        values.push(
          this.departmentId(h.department),
          this.categories.id(h.talentCategory),
          !h.skilled ? 0 : kindInfo[h.kind as CertificateKind]?.levelled === false ? UNLADDERED_SKILLED : 1,
          h.levelNumber ?? 0,
          this.occupations.id(h.occupationCode),
          dayNumber(h.issuedOn),
          h.validUntil === null ? NEVER : dayNumber(h.validUntil),
          revokedDay(h),
          this.kinds.id(h.kind),
        );
      }
      this.holdings.replace(p, values);
      values.length = 0;
      for (const t of trainingsOf.get(personId) ?? []) {
        // In column order: START, TRAINING_DEPARTMENT, TRAINING_OCCUPATION, TRAINING_CHANNEL, TRAINING_GROUP.
        values.push(
          dayNumber(t.startDate),
          this.departmentId(t.department),
          this.occupations.id(t.occupationCode),
          trainingChannels.indexOf(t.channel as (typeof trainingChannels)[number]),
          this.targetGroups.id(t.targetGroup),
        );
      }
      this.trainings.replace(p, values);
    }
  }

  private departmentId(department: string): number {
    const id = this.departmentIds.get(department);
    if (id === undefined) throw new Error(`unknown department in the holder index: ${department}`);
    return id;
  }

  private indexOf(personId: string): number {
    let p = this.ids.get(personId);
    if (p === undefined) {
      p = this.ids.size;
      this.ids.set(personId, p);
      if (p >= this.township.length) {
        const grown = new Int32Array(this.township.length * 2).fill(-1);
        grown.set(this.township);
        this.township = grown;
        const keys = new Uint32Array(grown.length);
        keys.set(this.recordKey);
        this.recordKey = keys;
        const sex = new Int8Array(grown.length);
        sex.set(this.sex);
        this.sex = sex;
        const birthYear = new Int32Array(grown.length);
        birthYear.set(this.birthYear);
        this.birthYear = birthYear;
      }
    }
    return p;
  }

  /** Every figure of countyProgress on `asOf`, the plan period starting on `periodFrom`. */
  counts(asOf: string, periodFrom: string, rules: CountingRules): ModelCounts {
    const D = dayNumber(asOf);
    const F = dayNumber(periodFrom);
    const h = this.holdings;
    const department = h.column(DEPARTMENT);
    const category = h.column(CATEGORY);
    const skilled = h.column(SKILLED);
    const level = h.column(LEVEL);
    const occupation = h.column(OCCUPATION);
    const issued = h.column(ISSUED);
    const validUntil = h.column(VALID_UNTIL);
    const revoked = h.column(REVOKED);
    const starts = this.trainings.column(START);

    const nDepartments = departments.length;
    const deptHolders = new Int32Array(nDepartments);
    const deptOverlap = new Int32Array(nDepartments);
    const deptCertificates = new Int32Array(nDepartments);
    const deptKeys = {
      holders: new Uint32Array(nDepartments),
      overlap: new Uint32Array(nDepartments),
      certificates: new Uint32Array(nDepartments),
    };
    // Groups: one slot per interned value, and a last slot for "none".
    const group = (size: number) => ({
      holders: new Int32Array(size + 1),
      certificates: new Int32Array(size + 1),
      seen: new Int32Array(size + 1).fill(-1),
      holderKeys: new Uint32Array(size + 1),
      certificateKeys: new Uint32Array(size + 1),
    });
    const byTownship = group(this.townships.values.length);
    const byCategory = group(this.categories.values.length);
    const byLevel = group(LEVELS);
    const byOccupation = group(this.occupations.values.length);
    // Cell keys are summed in Uint32Array slots, which keep a sum mod 2^32 by themselves.
    const count = (g: ReturnType<typeof group>, slot: number, p: number, k: number) => {
      g.certificates[slot]++;
      g.certificateKeys[slot] += k;
      if (g.seen[slot] !== p) {
        g.seen[slot] = p;
        g.holders[slot]++;
        g.holderKeys[slot] += k;
      }
    };
    const months = new Map<number, MonthCounts>();
    const month = (yyyymm: number) => {
      let row = months.get(yyyymm);
      if (!row) {
        row = {
          month: monthText(yyyymm),
          certificatesIssued: 0,
          newHolders: 0,
          trainingsStarted: 0,
          cellKeys: { certificatesIssued: 0, newHolders: 0, trainingsStarted: 0 },
        };
        months.set(yyyymm, row);
        monthKeys.set(yyyymm, new Uint32Array(3));
      }
      return row;
    };
    const monthKeys = new Map<number, Uint32Array>(); // certificatesIssued, newHolders, trainingsStarted
    // holders, skilled, midHigh, high, trainingPersonTimes, newlyCertified, newHighSkilled
    const headlineKeys = new Uint32Array(7);

    const headline: HeadlineCounts = { holders: 0, skilled: 0, midHigh: 0, high: 0 };
    let newlyCertified = 0;
    let newHighSkilled = 0;
    let trainingPersonTimes = 0;
    const noTownship = this.townships.values.length;
    const noOccupation = this.occupations.values.length;

    for (let p = 0; p < this.ids.size; p++) {
      const k = this.recordKey[p];
      let certificates = 0;
      let isSkilled = false;
      let isMidHigh = false;
      let isHigh = false;
      let isNew = false;
      let isNewHigh = false;
      let departmentMask = 0;
      let firstIssued = NEVER;
      for (let r = h.first(p); r !== -1; r = h.after(r)) {
        const on = issued[r];
        // Not yet issued, or withdrawn by D (or withdrawn with no date known): the certificate counts for nothing on D.
        if (on > D || revoked[r] <= D) continue;
        const l = level[r];
        const isSkilledKind = skilled[r] !== 0;
        if (on < firstIssued) firstIssued = on;
        if (on >= F) {
          isNew = true;
          if (isSkilledKind && l >= 1 && l <= rules.highMaxLevel) isNewHigh = true;
          const yyyymm = Math.floor(on / 100);
          month(yyyymm).certificatesIssued++;
          monthKeys.get(yyyymm)![0] += k;
        }
        // Expired on D: no longer held.
        if (validUntil[r] < D) continue;
        certificates++;
        if (isSkilledKind) {
          isSkilled = true;
          // A skill-ladder certificate whose level is not known (等级不明) is not mid/high: the policy is for kinds without levels.
          if ((l >= 1 && l <= rules.midHighMaxLevel) || (skilled[r] === UNLADDERED_SKILLED && rules.unlevelledIsMidHigh)) isMidHigh = true;
          if (l >= 1 && l <= rules.highMaxLevel) isHigh = true;
        }
        const d = department[r];
        deptCertificates[d]++;
        deptKeys.certificates[d] += k;
        if (!(departmentMask & (1 << d))) {
          departmentMask |= 1 << d;
          deptHolders[d]++;
          deptKeys.holders[d] += k;
        }
        count(byCategory, category[r], p, k);
        count(byLevel, l === 0 ? LEVELS : l, p, k);
        count(byOccupation, occupation[r] === -1 ? noOccupation : occupation[r], p, k);
      }
      if (isNew) {
        newlyCertified++;
        headlineKeys[5] += k;
      }
      if (isNewHigh) {
        newHighSkilled++;
        headlineKeys[6] += k;
      }
      if (firstIssued !== NEVER && firstIssued >= F) {
        const yyyymm = Math.floor(firstIssued / 100);
        month(yyyymm).newHolders++;
        monthKeys.get(yyyymm)![1] += k;
      }
      if (certificates > 0) {
        headline.holders++;
        headlineKeys[0] += k;
        if (isSkilled) {
          headline.skilled++;
          headlineKeys[1] += k;
        }
        if (isMidHigh) {
          headline.midHigh++;
          headlineKeys[2] += k;
        }
        if (isHigh) {
          headline.high++;
          headlineKeys[3] += k;
        }
        const t = this.township[p] === -1 ? noTownship : this.township[p];
        byTownship.holders[t]++;
        byTownship.certificates[t] += certificates;
        byTownship.holderKeys[t] += k;
        byTownship.certificateKeys[t] += (certificates * k) % 4294967296;
        // Held in more than one department on D: each of them shares this person.
        if (departmentMask & (departmentMask - 1))
          for (let d = 0; d < nDepartments; d++)
            if (departmentMask & (1 << d)) {
              deptOverlap[d]++;
              deptKeys.overlap[d] += k;
            }
      }
      for (let r = this.trainings.first(p); r !== -1; r = this.trainings.after(r)) {
        const start = starts[r];
        if (start < F || start > D) continue;
        trainingPersonTimes++;
        headlineKeys[4] += k;
        const yyyymm = Math.floor(start / 100);
        month(yyyymm).trainingsStarted++;
        monthKeys.get(yyyymm)![2] += k;
      }
    }

    const rows = (g: ReturnType<typeof group>, keyOf: (slot: number) => string | null): GroupCounts[] => {
      const out: GroupCounts[] = [];
      for (let slot = 0; slot < g.holders.length; slot++)
        if (g.holders[slot] > 0)
          out.push({
            key: keyOf(slot),
            holders: g.holders[slot],
            certificates: g.certificates[slot],
            cellKeys: { holders: g.holderKeys[slot], certificates: g.certificateKeys[slot] },
          });
      return out;
    };
    return {
      headline,
      trainingPersonTimes,
      newlyCertified,
      newHighSkilled,
      cellKeys: {
        holders: headlineKeys[0],
        skilled: headlineKeys[1],
        midHigh: headlineKeys[2],
        high: headlineKeys[3],
        trainingPersonTimes: headlineKeys[4],
        newlyCertified: headlineKeys[5],
        newHighSkilled: headlineKeys[6],
      },
      byDepartment: departments.map((d, i) => ({
        department: d,
        holders: deptHolders[i],
        overlap: deptOverlap[i],
        certificates: deptCertificates[i],
        cellKeys: { holders: deptKeys.holders[i], overlap: deptKeys.overlap[i], certificates: deptKeys.certificates[i] },
      })),
      byTownship: rows(byTownship, (slot) => this.townships.values[slot] ?? null),
      byTalentCategory: rows(byCategory, (slot) => this.categories.values[slot] ?? null),
      byLevel: rows(byLevel, (slot) => (slot === LEVELS ? null : String(slot))),
      byOccupation: rows(byOccupation, (slot) => this.occupations.values[slot] ?? null),
      byMonth: [...months.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([yyyymm, row]) => {
          const [certificatesIssued, newHolders, trainingsStarted] = monthKeys.get(yyyymm)!;
          return { ...row, cellKeys: { certificatesIssued, newHolders, trainingsStarted } };
        }),
    };
  }

  /**
   * Certificates counting on `asOf`, grouped by up to three dimensions: distinct holders and certificates per
   * group, the most holders first, at most `maxGroups` + 1 groups (so a caller can tell it was cut); null when a
   * dimension describes trainings only (target group, channel).
   */
  certificateGroups(
    asOf: string,
    dimensions: AggregateDimension[],
    filter: AggregateFilter,
    maxGroups: number,
  ): AggregateRowCounts[] | null {
    if (dimensions.some((d) => TRAINING_ONLY.includes(d))) return null;
    const D = dayNumber(asOf);
    const h = this.holdings;
    const issued = h.column(ISSUED);
    const validUntil = h.column(VALID_UNTIL);
    const revoked = h.column(REVOKED);
    const month = (row: number) => Math.floor(issued[row] / 100);
    const axes: Partial<Record<AggregateDimension, Axis>> = {
      TOWNSHIP: this.townshipAxis(),
      DEPARTMENT: { radix: departments.length, slot: (row) => h.column(DEPARTMENT)[row], key: (slot) => departments[slot] },
      TALENT_CATEGORY: this.internedAxis(this.categories, h.column(CATEGORY)),
      KIND: this.internedAxis(this.kinds, h.column(KIND)),
      LEVEL: { radix: LEVELS, slot: (row) => h.column(LEVEL)[row], key: (slot) => (slot === 0 ? null : String(slot)) },
      OCCUPATION: this.internedAxis(this.occupations, h.column(OCCUPATION)),
      MONTH: { radix: 1_000_000, slot: month, key: monthText },
      SEX: this.sexAxis(),
      AGE_BAND: this.ageBandAxis(asOf),
    };
    const tests = this.filterTests(filter, {
      department: h.column(DEPARTMENT),
      category: h.column(CATEGORY),
      kind: h.column(KIND),
      level: h.column(LEVEL),
      occupation: h.column(OCCUPATION),
      day: issued,
    });
    if (tests === null) return [];
    const groups = new Map<number, { holders: number; certificates: number; last: number; holderKey: number; certificateKey: number }>();
    const chosen = dimensions.map((d) => axes[d] as Axis);
    for (let p = 0; p < this.ids.size; p++) {
      if (!tests.person(p)) continue;
      const k = this.recordKey[p];
      for (let r = h.first(p); r !== -1; r = h.after(r)) {
        if (issued[r] > D || revoked[r] <= D || validUntil[r] < D || !tests.row(r)) continue;
        const id = composite(chosen, r, p);
        let group = groups.get(id);
        if (!group) groups.set(id, (group = { holders: 0, certificates: 0, last: -1, holderKey: 0, certificateKey: 0 }));
        group.certificates++;
        group.certificateKey = (group.certificateKey + k) % 4294967296;
        if (group.last !== p) {
          group.last = p;
          group.holders++;
          group.holderKey = (group.holderKey + k) % 4294967296;
        }
      }
    }
    return [...groups.entries()]
      .sort((a, b) => b[1].holders - a[1].holders || a[0] - b[0])
      .slice(0, maxGroups + 1)
      .map(([id, g]) => ({
        keys: decompose(chosen, id),
        holders: g.holders,
        certificates: g.certificates,
        cellKeys: { holders: g.holderKey, certificates: g.certificateKey },
      }));
  }

  /**
   * Trainings (not dropped) started on or before `asOf`, grouped like certificateGroups, the most first; null when
   * a dimension or filter does not apply to trainings (talent category, kind, level).
   */
  trainingGroups(asOf: string, dimensions: AggregateDimension[], filter: AggregateFilter, maxGroups: number): AggregateRowCounts[] | null {
    if (filter.talentCategory || filter.kind || filter.levelNumber) return null;
    const t = this.trainings;
    const start = t.column(START);
    const axes: Partial<Record<AggregateDimension, Axis>> = {
      TOWNSHIP: this.townshipAxis(),
      DEPARTMENT: { radix: departments.length, slot: (row) => t.column(TRAINING_DEPARTMENT)[row], key: (slot) => departments[slot] },
      OCCUPATION: this.internedAxis(this.occupations, t.column(TRAINING_OCCUPATION)),
      MONTH: { radix: 1_000_000, slot: (row) => Math.floor(start[row] / 100), key: monthText },
      TARGET_GROUP: this.internedAxis(this.targetGroups, t.column(TRAINING_GROUP)),
      CHANNEL: {
        radix: trainingChannels.length + 1,
        slot: (row) => t.column(TRAINING_CHANNEL)[row] + 1,
        key: (slot) => trainingChannels[slot - 1] ?? null,
      },
      SEX: this.sexAxis(),
      AGE_BAND: this.ageBandAxis(asOf),
    };
    const chosen = dimensions.map((d) => axes[d]);
    if (chosen.some((axis) => axis === undefined)) return null;
    const tests = this.filterTests(filter, {
      department: t.column(TRAINING_DEPARTMENT),
      occupation: t.column(TRAINING_OCCUPATION),
      day: start,
    });
    if (tests === null) return [];
    const D = dayNumber(asOf);
    // Trainees (distinct persons) with their trainings, so that disclosure control can weigh a group by its persons.
    const groups = new Map<number, { trainings: number; trainees: number; last: number; trainingKey: number; traineeKey: number }>();
    for (let p = 0; p < this.ids.size; p++) {
      if (!tests.person(p)) continue;
      const k = this.recordKey[p];
      for (let r = t.first(p); r !== -1; r = t.after(r)) {
        if (start[r] > D || !tests.row(r)) continue;
        const id = composite(chosen as Axis[], r, p);
        let group = groups.get(id);
        if (!group) groups.set(id, (group = { trainings: 0, trainees: 0, last: -1, trainingKey: 0, traineeKey: 0 }));
        group.trainings++;
        group.trainingKey = (group.trainingKey + k) % 4294967296;
        if (group.last !== p) {
          group.last = p;
          group.trainees++;
          group.traineeKey = (group.traineeKey + k) % 4294967296;
        }
      }
    }
    return [...groups.entries()]
      .sort((a, b) => b[1].trainings - a[1].trainings || a[0] - b[0])
      .slice(0, maxGroups + 1)
      .map(([id, g]) => ({
        keys: decompose(chosen as Axis[], id),
        trainings: g.trainings,
        trainees: g.trainees,
        cellKeys: { trainings: g.trainingKey, trainees: g.traineeKey },
      }));
  }

  private townshipAxis(): Axis {
    return {
      radix: this.townships.values.length + 1,
      slot: (_, p) => this.township[p] + 1,
      key: (slot) => this.townships.values[slot - 1] ?? null,
    };
  }

  /** A person's sex: slot 0 not known, then `sexes` in order. */
  private sexAxis(): Axis {
    return { radix: sexes.length + 1, slot: (_, p) => this.sex[p], key: (slot) => sexes[slot - 1] ?? null };
  }

  /** A person's age band in the year of `asOf`: slot 0 birth year not known, then ageBandFloors in order. */
  private ageBandAxis(asOf: string): Axis {
    const year = Number(asOf.slice(0, 4));
    return {
      radix: ageBandFloors.length + 1,
      slot: (_, p) => (this.birthYear[p] === 0 ? 0 : 1 + ageBandIndex(year - this.birthYear[p])),
      key: (slot) => ageBandKeys[slot - 1] ?? null,
    };
  }

  private internedAxis(interner: Interner, column: IntColumn): Axis {
    return { radix: interner.values.length + 1, slot: (row) => column[row] + 1, key: (slot) => interner.values[slot - 1] ?? null };
  }

  /** The filter as a test on persons and one on rows; null when a filtered value is unknown (nothing passes). */
  private filterTests(
    filter: AggregateFilter,
    columns: { department: IntColumn; category?: IntColumn; kind?: IntColumn; level?: IntColumn; occupation: IntColumn; day: IntColumn },
  ): { person: (p: number) => boolean; row: (r: number) => boolean } | null {
    const lookup = (interner: Interner, value: string | undefined) =>
      value === undefined ? undefined : (interner.find(value) ?? NO_MATCH);
    const township = lookup(this.townships, filter.townshipCode);
    const department = filter.department === undefined ? undefined : (this.departmentIds.get(filter.department) ?? NO_MATCH);
    const category = lookup(this.categories, filter.talentCategory);
    const kind = lookup(this.kinds, filter.kind);
    const occupation = lookup(this.occupations, filter.occupationCode);
    if ([township, department, category, kind, occupation].includes(NO_MATCH)) return null;
    const from = filter.from ? dayNumber(filter.from) : 0;
    const to = filter.to ? dayNumber(filter.to) : NEVER;
    const row: ((r: number) => boolean)[] = [];
    if (department !== undefined) row.push((r) => columns.department[r] === department);
    if (category !== undefined && columns.category) row.push((r) => columns.category![r] === category);
    if (kind !== undefined && columns.kind) row.push((r) => columns.kind![r] === kind);
    if (filter.levelNumber && columns.level) row.push((r) => columns.level![r] === filter.levelNumber);
    if (occupation !== undefined) row.push((r) => columns.occupation[r] === occupation);
    if (filter.from || filter.to) row.push((r) => columns.day[r] >= from && columns.day[r] <= to);
    return {
      person: township === undefined ? () => true : (p) => this.township[p] === township,
      row: (r) => row.every((test) => test(r)),
    };
  }
}

/** One number for a row's slots on several axes (mixed radix; fits well within 2^53 for three axes). */
function composite(axes: Axis[], row: number, person: number): number {
  let id = 0;
  for (const axis of axes) id = id * axis.radix + axis.slot(row, person);
  return id;
}

function decompose(axes: Axis[], id: number): (string | null)[] {
  const keys = new Array<string | null>(axes.length);
  for (let i = axes.length - 1; i >= 0; i--) {
    keys[i] = axes[i].key(id % axes[i].radix);
    id = Math.floor(id / axes[i].radix);
  }
  return keys;
}
