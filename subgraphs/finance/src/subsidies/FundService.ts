import { CoreRepository, InputError, requiredText } from '@hub/subgraph-kit';
import type { Actor } from '@hub/auth';
import type { FundLedgerRepository, FundTotalRow } from '../repositories/FundLedgerRepository';
import type { SubsidyProgramme } from './subsidyRules';
import { ensureFundBalance } from './payFromFund';

/** Largest single allocation accepted: the GraphQL Int (fen) limit, about 21 million yuan. */
const MAX_ENTRY_FEN = 2_147_483_647;

/** 资金台账: allocations into a programme's year and the totals per programme and year. */
export class FundService {
  constructor(
    private readonly funds: FundLedgerRepository,
    private readonly core: CoreRepository,
  ) {}

  async allocate(programme: SubsidyProgramme, year: number, amountFen: number, why: string, actor: Actor): Promise<FundTotalRow> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new InputError('BAD_YEAR', 'year', `年度无效：${year}`);
    if (!Number.isInteger(amountFen) || amountFen <= 0 || amountFen > MAX_ENTRY_FEN)
      throw new InputError('BAD_AMOUNT', 'amountFen', `金额须为正整数（单位：分），收到 ${amountFen}`);
    const reason = requiredText('why', why, '拨付依据', 255);
    await ensureFundBalance(this.core, this.funds, programme, year);
    await this.core.transaction((manager) =>
      this.funds.append(manager, {
        programme,
        year,
        amountFen,
        direction: 'IN',
        payee: null,
        who: actor.subject,
        role: actor.role,
        why: reason,
        reference: null,
      }),
    );
    return this.total(programme, year);
  }

  async total(programme: SubsidyProgramme, year: number): Promise<FundTotalRow> {
    return (await this.funds.totals({ programme, year }))[0] ?? { programme, year, inFen: 0, outFen: 0, entries: 0 };
  }
}
