import { IdNumberError, normalizeIdNumber } from '@hub/identity';
import { demand, may } from '@hub/auth';
import { InputError, withInputErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';

/** Query.person: one person by ID number; null when no department knows them. */
export function person(_: unknown, args: { idNumber: string }, ctx: HrssContext) {
  return withInputErrors('', async () => {
    demand(may.readPersonRecords(ctx.principal), ctx.principal, '查询个人信息');
    let canonical: string;
    try {
      canonical = normalizeIdNumber(args.idNumber).idNumber;
    } catch (error) {
      if (error instanceof IdNumberError) throw new InputError(`ID_NUMBER_${error.code}`, 'idNumber', error.message);
      throw error;
    }
    const id = ctx.identity.personIdOf(canonical);
    const master = await ctx.hrssLoaders.personMaster.load(id);
    return master ? { id } : null;
  });
}
