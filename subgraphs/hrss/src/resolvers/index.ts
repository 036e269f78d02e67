import { programmeResolvers } from '../programmes/resolvers';

/** hrss's own resolvers, merged over the kit's department resolvers. */
export const resolvers = {
  ...programmeResolvers,
  HrssTraining: {
    apprenticeship: (t: { apprenticeship: number | null }) => (t.apprenticeship === null ? null : Number(t.apprenticeship) === 1),
  },
};
