/** The subsidy programmes of the ledger. */
export const subsidyProgrammes = ['EVALUATION', 'HIRING', 'REFERRAL'] as const;
export type SubsidyProgramme = (typeof subsidyProgrammes)[number];

export const programmeLabels: Record<SubsidyProgramme, string> = {
  EVALUATION: '职业技能评价补贴',
  HIRING: '吸纳持证人员就业一次性补助',
  REFERRAL: '职业介绍补贴',
};

/** What a rule holds: money (fen) or a number of months. */
export type RuleUnit = 'FEN' | 'MONTHS';

/** The rules each programme has, and what they hold. */
export const ruleKeys: Record<SubsidyProgramme, Record<string, RuleUnit>> = {
  EVALUATION: { SPECIAL_ABILITY: 'FEN', LEVEL_5: 'FEN', LEVEL_4: 'FEN', LEVEL_3: 'FEN', LEVEL_2: 'FEN', LEVEL_1: 'FEN' },
  HIRING: { PER_PERSON: 'FEN', CAP_PER_EMPLOYER: 'FEN', MIN_EMPLOYED_MONTHS: 'MONTHS', MIN_INSURED_MONTHS: 'MONTHS' },
  REFERRAL: { PER_PERSON: 'FEN', MIN_EMPLOYED_MONTHS: 'MONTHS', MIN_INSURED_MONTHS: 'MONTHS' },
};

/** Yuan as the plan writes them → fen as the ledger stores them. */
export const yuanToFen = (yuan: number): number => Math.round(yuan * 100);

/** Fen shown to a clerk, e.g. 240000 → 2,400.00 元. */
export const fenText = (fen: number): string =>
  `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
