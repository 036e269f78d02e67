import { demand, may } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { CountyContext } from '../../CountyContext';

/** Query.trainingInstitutionOutputs: institutions' outputs over every department's records, for hrss's register (a signed service call). */
export async function trainingInstitutionOutputs(_: unknown, args: { institutions: string[][]; year: number }, ctx: CountyContext) {
  demand(may.lookUpHoldings(ctx.principal), ctx.principal, '查询培训机构培训成效');
  return fieldErrors(() => ctx.institutionOutputs.outputs(args.institutions, args.year));
}
