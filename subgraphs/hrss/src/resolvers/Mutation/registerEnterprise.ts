import { actorOf, demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { MutationRegisterEnterpriseArgs } from '../../generated/resolvers';

/** Mutation.registerEnterprise: adds an enterprise to the register, audited. */
export function registerEnterprise(_: unknown, args: MutationRegisterEnterpriseArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.write(ctx.principal), ctx.principal, '登记企业');
    return ctx.programmes.enterprises.register(args.input, args.reason, actorOf(ctx.principal));
  }, ['input']);
}
