import fs from 'node:fs';
import path from 'node:path';
import { channelPlanKey, trainingChannels } from './enums';

/** How a figure is compared with its target; absent means "reach at least the number". */
export type Comparison = 'atLeast' | 'about';

export interface Goal2025 {
  key: string;
  label: string;
  /** A count, or a share such as 0.80. */
  target: number;
  comparison?: Comparison;
  /** Clause of the plan text the figure comes from. */
  clause: string;
  note?: string;
}

export interface Goal2035 {
  label: string;
  clause: string;
}

/** Annual targets of one training channel (plan section 二, clauses 1-3). */
export interface AnnualChannel {
  /** A value of channelPlanKey. */
  key: string;
  label: string;
  clause: string;
  trained: number;
  certified: number;
  certifiedSeniorOrAbove: number;
  /** Department slug that leads the channel. */
  lead: string;
  partners?: string[];
}

export interface AnnualCount {
  key: string;
  label: string;
  target: number;
  comparison?: Comparison;
  clause: string;
}

export interface Milestone {
  key: string;
  label: string;
  year?: number;
  target?: number;
  /** [low, high] when the plan gives a range. */
  targetRange?: [number, number];
  clause: string;
}

export interface EvaluationSubsidy {
  clause: string;
  paidTo: string;
  rule: string;
  /** Yuan per certificate, keyed by SkillLevel or SPECIAL_ABILITY. */
  amounts: Record<'SPECIAL_ABILITY' | 'LEVEL_1' | 'LEVEL_2' | 'LEVEL_3' | 'LEVEL_4' | 'LEVEL_5', number>;
}

export interface SubsidiesYuan {
  evaluationPerCertificate: EvaluationSubsidy;
  employerHiring: { clause: string; perPerson: number; capPerEmployer: number; conditions: string };
  agencyReferral: { clause: string; perPerson: number; conditions: string };
  returneeDemoPark: { clause: string; amount: number };
  startupProject: { clause: string; range: [number, number] };
}

export interface Vouchers {
  clause: string;
  loop: string[];
  rules: string[];
}

export interface Reporting {
  clause: string;
  cadence: string[];
  rates: string[];
}

export interface PlanPeriod {
  /** YYYY-MM-DD */
  from: string;
  /** YYYY-MM-DD */
  to: string;
}

/** data/plan-targets.json: the figures of the county plan. Amounts in it are yuan, as the plan states them. */
export interface PlanTargets {
  source: string;
  county: { code: string; name: string };
  period: PlanPeriod;
  goals2025: Goal2025[];
  goal2035: Goal2035;
  annualChannels: AnnualChannel[];
  annualCounts: AnnualCount[];
  milestones: Milestone[];
  subsidiesYuan: SubsidiesYuan;
  vouchers: Vouchers;
  reporting: Reporting;
}

let cached: PlanTargets | undefined;

// Checks what the rest of the hub relies on, so a bad edit of the data fails at load and not in a total.
function check(plan: PlanTargets, file: string): void {
  if (!Array.isArray(plan.goals2025) || !Array.isArray(plan.annualChannels))
    throw new Error(`${file}: goals2025 and annualChannels must be lists`);
  for (const goal of plan.goals2025) {
    if (typeof goal.key !== 'string' || typeof goal.target !== 'number')
      throw new Error(`${file}: goal ${JSON.stringify(goal)} needs a key and a numeric target`);
  }
  for (const channel of trainingChannels) {
    if (!plan.annualChannels.some((c) => c.key === channelPlanKey[channel]))
      throw new Error(`${file}: annualChannels lacks ${channelPlanKey[channel]}`);
  }
}

// One parsed object is shared by every caller, so nobody may change it under the others.
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The parsed plan targets, read once per process and frozen. */
export function planTargets(): PlanTargets {
  if (cached) return cached;
  const file = path.join(__dirname, '../data/plan-targets.json');
  const plan = JSON.parse(fs.readFileSync(file, 'utf8')) as PlanTargets;
  check(plan, file);
  cached = deepFreeze(plan);
  return plan;
}

/** The 2025 target of a goals2025 key, e.g. certificateHolders → 300000. */
export function goalTarget(key: string): number {
  const goal = planTargets().goals2025.find((g) => g.key === key);
  if (!goal) {
    const known = planTargets()
      .goals2025.map((g) => g.key)
      .join(', ');
    throw new Error(`Unknown plan goal "${key}"; known goals: ${known}`);
  }
  return goal.target;
}
