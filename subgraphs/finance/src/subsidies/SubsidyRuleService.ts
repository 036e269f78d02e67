import { addDays, CoreRepository, InputError, isIsoDate, requiredText } from '@hub/subgraph-kit';
import type { Actor } from '@hub/auth';
import { isUniqueViolation, retryOnLockConflict } from '@hub/subgraph-kit';
import type { SubsidyRuleRepository, SubsidyRuleRow } from '../repositories/SubsidyRuleRepository';
import { programmeLabels, ruleKeys, SubsidyProgramme } from './subsidyRules';

export interface SubsidyRuleInput {
  programme: SubsidyProgramme;
  key: string;
  amountFen?: number | null;
  months?: number | null;
  validFrom: string;
  note: string;
}

/** Amounts, caps and conditions in force on a date, and their changes over time. */
export class SubsidyRuleService {
  constructor(
    private readonly rules: SubsidyRuleRepository,
    private readonly core: CoreRepository,
  ) {}

  /** The values (fen or months) of the given rules on a date; a missing one is a clear NO_RULE error. */
  async require(programme: SubsidyProgramme, date: string, keys: string[], field: string): Promise<Record<string, number>> {
    const inForce = await this.rules.inForce(programme, date);
    const missing = keys.filter((k) => !inForce.has(k));
    if (missing.length) {
      throw new InputError(
        'NO_RULE',
        field,
        `${date} 没有生效的${programmeLabels[programme]}标准（${missing.join('、')}），请核对日期或先录入补贴标准`,
      );
    }
    return Object.fromEntries(
      keys.map((k) => {
        const rule = inForce.get(k)!;
        return [k, Number(ruleKeys[programme][k] === 'FEN' ? rule.amountFen : rule.months)];
      }),
    );
  }

  /** A new value from a date on: the rule in force until then ends the day before. Earlier periods keep their values. */
  async set(input: SubsidyRuleInput, actor: Actor): Promise<SubsidyRuleRow> {
    const unit = ruleKeys[input.programme]?.[input.key];
    if (!unit)
      throw new InputError(
        'UNKNOWN_RULE',
        'key',
        `${programmeLabels[input.programme]}没有“${input.key}”这项标准（可用：${Object.keys(ruleKeys[input.programme]).join('、')}）`,
      );
    const value = unit === 'FEN' ? input.amountFen : input.months;
    const other = unit === 'FEN' ? input.months : input.amountFen;
    const field = unit === 'FEN' ? 'amountFen' : 'months';
    if (value === null || value === undefined || !Number.isInteger(value) || value <= 0 || (unit === 'MONTHS' && value > 120)) {
      throw new InputError(
        'BAD_VALUE',
        field,
        unit === 'FEN' ? `${input.key} 是金额，须填写正整数 amountFen（单位：分）` : `${input.key} 是月数，须填写 1 到 120 的整数 months`,
      );
    }
    if (other !== null && other !== undefined)
      throw new InputError('BAD_VALUE', unit === 'FEN' ? 'months' : 'amountFen', `${input.key} 只填写 ${field}`);
    if (!isIsoDate(input.validFrom))
      throw new InputError('BAD_DATE', 'validFrom', `生效日期须为 YYYY-MM-DD 格式的真实日期，收到 ${input.validFrom}`);
    const note = requiredText('note', input.note, '调整依据', 255);
    return retryOnLockConflict(async () => {
      const open = await this.rules.open(input.programme, input.key);
      if (open && open.validFrom >= input.validFrom) {
        throw new InputError('RULE_OVERLAP', 'validFrom', `${input.key} 现行标准自 ${open.validFrom} 起生效；新标准的生效日期须晚于它`);
      }
      try {
        const id = await this.core.transaction(async (manager) => {
          if (open && !(await this.rules.close(manager, open.id, addDays(input.validFrom, -1)))) throw concurrent(input.key);
          return this.rules.insert(manager, {
            programme: input.programme,
            ruleKey: input.key,
            amountFen: unit === 'FEN' ? value : null,
            months: unit === 'MONTHS' ? value : null,
            validFrom: input.validFrom,
            validTo: null,
            clause: open?.clause ?? '',
            note,
            createdBy: `${actor.subject} (${actor.role})`.slice(0, 128),
            createdAt: new Date().toISOString(),
          });
        });
        return (await this.rules.byId(id))!;
      } catch (error) {
        if (isUniqueViolation(error)) throw concurrent(input.key);
        throw error;
      }
    });
  }
}

function concurrent(key: string): InputError {
  return new InputError('CONCURRENT_UPDATE', 'key', `${key} 标准刚被他人调整，请刷新后重试`);
}
