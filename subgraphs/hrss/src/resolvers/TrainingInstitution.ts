import type { HrssContext } from '../HrssContext';
import type { InstitutionOutput, SelectedInstitution } from '../programmes/registers/TrainingInstitutionService';

/** TrainingInstitution: a list brings its outputs along; a just-selected institution asks the county service for its own. */
export const TrainingInstitution = {
  async output(parent: SelectedInstitution & { output?: InstitutionOutput }, _: unknown, ctx: HrssContext): Promise<InstitutionOutput> {
    if (parent.output) return parent.output;
    return (await ctx.programmes.trainingInstitutions.outputs([parent], parent.year))[0];
  },
};
