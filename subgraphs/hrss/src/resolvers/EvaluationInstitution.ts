import type { HrssContext } from '../HrssContext';
import type { InstitutionAsOf } from '../programmes/catalogue/CatalogueService';
import type { InstitutionEventRow } from '../programmes/repositories/CatalogueRepository';

export const EvaluationInstitution = {
  events: (i: InstitutionAsOf, _: unknown, ctx: HrssContext) => ctx.programmeLoaders.institutionEvents.load(i.code),
};

export const InstitutionEvent = {
  status: (e: InstitutionEventRow) => e.statusAfter,
};
