import { IdNumberError, normalizeIdNumber } from '@hub/identity';
import { demand, may } from '@hub/auth';
import { InputError, fieldErrors } from '@hub/subgraph-kit';
import type { CountyContext } from '../../CountyContext';
import type { QueryPersonArgs } from '../../generated/resolvers';

const DEFAULT_PURPOSE = '按身份证号查询人员（未说明用途）';

/**
 * Query.person: one person by ID number; null when no department knows them, or (department staff) when their
 * department holds no records of them. A lookup confirms or refutes a guessed number, so only roles with a
 * reveal right may look up, and every lookup is audited before it is answered, found or not.
 */
export function person(_: unknown, args: QueryPersonArgs, ctx: CountyContext) {
  return fieldErrors(async () => {
    demand(may.lookUpByIdNumber(ctx.principal), ctx.principal, '按身份证号查询人员');
    let canonical: string;
    try {
      canonical = normalizeIdNumber(args.idNumber).idNumber;
    } catch (error) {
      if (error instanceof IdNumberError) throw new InputError(`ID_NUMBER_${error.code}`, 'idNumber', error.message);
      throw error;
    }
    const id = ctx.identity.personIdOf(canonical);
    // The audit names the person id (an HMAC), never the number: a miss is kept as well as a hit.
    await ctx.audit.recordLookup({
      at: new Date().toISOString(),
      subject: ctx.principal.subject,
      role: ctx.principal.role,
      // Staff look up within their department; the county administrator's lookup is kept under 人社局 (see AuditRepository).
      department: ctx.principal.department ?? 'HRSS',
      personId: id,
      field: 'lookupByIdNumber',
      purpose: (args.purpose?.trim() || DEFAULT_PURPOSE).slice(0, 200),
      requestId: ctx.requestId,
    });
    const master = await ctx.loaders.personMaster.load(id);
    if (!master) return null;
    return may.readPerson(ctx.principal, master.departments ? master.departments.split(',') : []) ? { id } : null;
  });
}
