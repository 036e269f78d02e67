import { departments } from '@hub/vocabulary';
import type { HoldingFact, PersonFact, TrainingFact } from '../repositories/CountyFactsRepository';
import { Interner, PersonChains } from './PersonChains';

export interface HeadlineCounts {
  holders: number;
  skilled: number;
  midHigh: number;
  high: number;
}

export interface DepartmentCounts {
  department: string;
  holders: number;
  overlap: number;
  certificates: number;
}

export interface GroupCounts {
  key: string | null;
  holders: number;
  certificates: number;
}

export interface MonthCounts {
  month: string;
  certificatesIssued: number;
  newHolders: number;
  trainingsStarted: number;
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
const monthText = (yyyymm: number) => `${Math.floor(yyyymm / 100)}-${String(yyyymm % 100).padStart(2, '0')}`;

// Columns of a holding row.
const DEPARTMENT = 0;
const CATEGORY = 1;
const SKILLED = 2;
const LEVEL = 3; // 1…5, 0 when the kind has no level
const OCCUPATION = 4; // interned, -1 when none
const ISSUED = 5;
const VALID_UNTIL = 6; // NEVER when open-ended
const REVOKED = 7; // NEVER when not revoked
const HOLDING_WIDTH = 8;
const LEVELS = 6;

/**
 * The holder index in memory, person by person: every certificate's counting facts and every countable
 * training's start, in typed arrays. The county's figures for any date are one pass over it (tens of
 * milliseconds at 300,000 persons), so a new certificate shows in the totals as soon as its person is refreshed.
 * It follows DESIGN.md's counting rule exactly: a certificate counts on D when issued on or before D, not
 * revoked by D and not expired on D.
 */
export class CountyModel {
  private readonly ids = new Map<string, number>();
  private township = new Int32Array(1024).fill(-1);
  private readonly holdings = new PersonChains(HOLDING_WIDTH);
  private readonly trainings = new PersonChains(1);
  private readonly townships = new Interner();
  private readonly categories = new Interner();
  private readonly occupations = new Interner();
  private readonly departmentIds = new Map<string, number>(departments.map((d, i) => [d, i]));

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
    const townshipOf = new Map(persons.map((p) => [p.personId, p.townshipCode]));
    const holdingsOf = byPerson(holdings);
    const trainingsOf = byPerson(trainings);
    const values: number[] = [];
    for (const personId of new Set([...personIds, ...townshipOf.keys(), ...holdingsOf.keys(), ...trainingsOf.keys()])) {
      const p = this.indexOf(personId);
      this.township[p] = this.townships.id(townshipOf.get(personId) ?? null);
      values.length = 0;
      for (const h of holdingsOf.get(personId) ?? []) {
        const department = this.departmentIds.get(h.department);
        if (department === undefined) throw new Error(`unknown department in the holder index: ${h.department}`);
        // In column order: DEPARTMENT … REVOKED.
        values.push(
          department,
          this.categories.id(h.talentCategory),
          h.skilled ? 1 : 0,
          h.levelNumber ?? 0,
          this.occupations.id(h.occupationCode),
          dayNumber(h.issuedOn),
          h.validUntil === null ? NEVER : dayNumber(h.validUntil),
          h.revokedOn === null ? NEVER : dayNumber(h.revokedOn),
        );
      }
      this.holdings.replace(p, values);
      this.trainings.replace(p, (trainingsOf.get(personId) ?? []).map((t) => dayNumber(t.startDate)));
    }
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
    const starts = this.trainings.column(0);

    const nDepartments = departments.length;
    const deptHolders = new Int32Array(nDepartments);
    const deptOverlap = new Int32Array(nDepartments);
    const deptCertificates = new Int32Array(nDepartments);
    // Groups: one slot per interned value, and a last slot for "none".
    const group = (size: number) => ({ holders: new Int32Array(size + 1), certificates: new Int32Array(size + 1), seen: new Int32Array(size + 1).fill(-1) });
    const byTownship = group(this.townships.values.length);
    const byCategory = group(this.categories.values.length);
    const byLevel = group(LEVELS);
    const byOccupation = group(this.occupations.values.length);
    const count = (g: ReturnType<typeof group>, slot: number, p: number) => {
      g.certificates[slot]++;
      if (g.seen[slot] !== p) {
        g.seen[slot] = p;
        g.holders[slot]++;
      }
    };
    const months = new Map<number, MonthCounts>();
    const month = (yyyymm: number) => {
      let row = months.get(yyyymm);
      if (!row) months.set(yyyymm, (row = { month: monthText(yyyymm), certificatesIssued: 0, newHolders: 0, trainingsStarted: 0 }));
      return row;
    };

    const headline: HeadlineCounts = { holders: 0, skilled: 0, midHigh: 0, high: 0 };
    let newlyCertified = 0;
    let newHighSkilled = 0;
    let trainingPersonTimes = 0;
    const noTownship = this.townships.values.length;
    const noOccupation = this.occupations.values.length;

    for (let p = 0; p < this.ids.size; p++) {
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
        // Not yet issued, or revoked by D: the certificate counts for nothing on D.
        if (on > D || revoked[r] <= D) continue;
        const l = level[r];
        const isSkilledKind = skilled[r] === 1;
        if (on < firstIssued) firstIssued = on;
        if (on >= F) {
          isNew = true;
          if (isSkilledKind && l >= 1 && l <= rules.highMaxLevel) isNewHigh = true;
          month(Math.floor(on / 100)).certificatesIssued++;
        }
        // Expired on D: no longer held.
        if (validUntil[r] < D) continue;
        certificates++;
        if (isSkilledKind) {
          isSkilled = true;
          if ((l >= 1 && l <= rules.midHighMaxLevel) || (l === 0 && rules.unlevelledIsMidHigh)) isMidHigh = true;
          if (l >= 1 && l <= rules.highMaxLevel) isHigh = true;
        }
        const d = department[r];
        deptCertificates[d]++;
        if (!(departmentMask & (1 << d))) {
          departmentMask |= 1 << d;
          deptHolders[d]++;
        }
        count(byCategory, category[r], p);
        count(byLevel, l === 0 ? LEVELS : l, p);
        count(byOccupation, occupation[r] === -1 ? noOccupation : occupation[r], p);
      }
      if (isNew) newlyCertified++;
      if (isNewHigh) newHighSkilled++;
      if (firstIssued !== NEVER && firstIssued >= F) month(Math.floor(firstIssued / 100)).newHolders++;
      if (certificates > 0) {
        headline.holders++;
        if (isSkilled) headline.skilled++;
        if (isMidHigh) headline.midHigh++;
        if (isHigh) headline.high++;
        const t = this.township[p] === -1 ? noTownship : this.township[p];
        byTownship.holders[t]++;
        byTownship.certificates[t] += certificates;
        // Held in more than one department on D: each of them shares this person.
        if (departmentMask & (departmentMask - 1)) for (let d = 0; d < nDepartments; d++) if (departmentMask & (1 << d)) deptOverlap[d]++;
      }
      for (let r = this.trainings.first(p); r !== -1; r = this.trainings.after(r)) {
        const start = starts[r];
        if (start < F || start > D) continue;
        trainingPersonTimes++;
        month(Math.floor(start / 100)).trainingsStarted++;
      }
    }

    const rows = (g: ReturnType<typeof group>, keyOf: (slot: number) => string | null): GroupCounts[] => {
      const out: GroupCounts[] = [];
      for (let slot = 0; slot < g.holders.length; slot++) if (g.holders[slot] > 0) out.push({ key: keyOf(slot), holders: g.holders[slot], certificates: g.certificates[slot] });
      return out;
    };
    return {
      headline,
      trainingPersonTimes,
      newlyCertified,
      newHighSkilled,
      byDepartment: departments.map((d, i) => ({ department: d, holders: deptHolders[i], overlap: deptOverlap[i], certificates: deptCertificates[i] })),
      byTownship: rows(byTownship, (slot) => this.townships.values[slot] ?? null),
      byTalentCategory: rows(byCategory, (slot) => this.categories.values[slot] ?? null),
      byLevel: rows(byLevel, (slot) => (slot === LEVELS ? null : String(slot))),
      byOccupation: rows(byOccupation, (slot) => this.occupations.values[slot] ?? null),
      byMonth: [...months.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row),
    };
  }
}
