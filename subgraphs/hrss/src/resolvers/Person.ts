import { townshipByCode } from '@hub/vocabulary';
import type { HrssContext } from '../HrssContext';

const master = (person: { id: string }, ctx: HrssContext) => ctx.hrssLoaders.personMaster.load(person.id);

/** Person's master fields, resolved from the county's person master through a loader. */
export const Person = {
  __resolveReference: async (reference: { id: string }, ctx: HrssContext) => {
    await master(reference, ctx);
    return { id: reference.id };
  },
  idNumberMasked: async (p: { id: string }, _: unknown, ctx: HrssContext) => (await master(p, ctx))?.idNumberMasked ?? null,
  name: async (p: { id: string }, _: unknown, ctx: HrssContext) => (await master(p, ctx))?.name ?? null,
  sex: async (p: { id: string }, _: unknown, ctx: HrssContext) => (await master(p, ctx))?.sex ?? null,
  birthDate: async (p: { id: string }, _: unknown, ctx: HrssContext) => (await master(p, ctx))?.birthDate ?? null,
  township: async (p: { id: string }, _: unknown, ctx: HrssContext) => {
    const code = (await master(p, ctx))?.townshipCode;
    return code ? townshipByCode(code) ?? null : null;
  },
  departments: async (p: { id: string }, _: unknown, ctx: HrssContext) => {
    const departments = (await master(p, ctx))?.departments;
    return departments ? departments.split(',') : [];
  },
};
