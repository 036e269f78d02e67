import { demand, may } from '@hub/auth';
import { publicBirthYear, remaskIdNumber } from '@hub/identity';
import { Department, Sex, townshipByCode } from '@hub/vocabulary';
import type { CountyContext } from '../CountyContext';
import type { PersonMasterRow } from '../repositories/PersonMasterRepository';

// The index writes only Department codes into the comma list, so each part is one.
const holders = (master: PersonMasterRow) => (master.departments ? (master.departments.split(',') as Department[]) : []);

/**
 * The master record as far as the caller may see it: FORBIDDEN for a role without person-level access (analysts,
 * dashboards: an `_entities` call by person id is a record path like any other), and null for department staff
 * when their department holds no records of the person (on every path, _entities included).
 */
async function visible(person: { id: string }, ctx: CountyContext): Promise<PersonMasterRow | null> {
  demand(may.readPersonRecords(ctx.principal), ctx.principal, '查看人员信息');
  const master = await ctx.loaders.personMaster.load(person.id);
  return master && may.readPerson(ctx.principal, holders(master)) ? master : null;
}

/** Person's master fields, resolved from the county's person master through a loader. */
export const Person = {
  __resolveReference: async (reference: { id: string }, ctx: CountyContext) => {
    await ctx.loaders.personMaster.load(reference.id);
    return { id: reference.id };
  },
  // Re-masked on read: a row the index migration missed never shows more than the current mask.
  idNumberMasked: async (p: { id: string }, _: unknown, ctx: CountyContext) => {
    const master = await visible(p, ctx);
    return master ? remaskIdNumber(master.idNumberMasked) : null;
  },
  name: async (p: { id: string }, _: unknown, ctx: CountyContext) => (await visible(p, ctx))?.name ?? null,
  // The master record keeps the sex its departments derived from the ID number: MALE or FEMALE.
  sex: async (p: { id: string }, _: unknown, ctx: CountyContext) => ((await visible(p, ctx))?.sex as Sex | undefined) ?? null,
  /** The feeds carry no birth date, so the master has none to give (deprecated in the schema). */
  birthDate: () => null,
  birthYear: async (p: { id: string }, _: unknown, ctx: CountyContext) => {
    const year = (await visible(p, ctx))?.birthYear ?? null;
    return may.readBirthDate(ctx.principal) ? year : publicBirthYear(year);
  },
  township: async (p: { id: string }, _: unknown, ctx: CountyContext) => {
    const code = (await visible(p, ctx))?.townshipCode;
    return code ? (townshipByCode(code) ?? null) : null;
  },
  departments: async (p: { id: string }, _: unknown, ctx: CountyContext) => {
    const master = await visible(p, ctx);
    return master ? may.visibleDepartments(ctx.principal, holders(master)) : [];
  },
};
