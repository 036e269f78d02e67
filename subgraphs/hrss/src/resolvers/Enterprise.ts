import type { HrssContext } from '../HrssContext';
import type { EnterpriseRow } from '../programmes/repositories/RegisterRepository';
import type { EnterpriseSelfEvaluationArgs } from '../generated/resolvers';

export const Enterprise = {
  selfEvaluation: (e: EnterpriseRow, args: EnterpriseSelfEvaluationArgs, ctx: HrssContext) =>
    args.asOf
      ? ctx.programmes.enterprises.selfEvaluations([e], args.asOf).then((r) => r[0])
      : ctx.programmeLoaders.enterpriseSelfEvaluation.load(e),
  events: (e: EnterpriseRow, _: unknown, ctx: HrssContext) => ctx.programmeLoaders.enterpriseEvents.load(e.creditCode),
};
