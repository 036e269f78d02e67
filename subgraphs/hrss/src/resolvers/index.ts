import { programmeResolvers } from '../programmes/resolvers';
import { aggregate } from './Query/aggregate';
import { auditLog } from './Query/auditLog';
import { dataQuality } from './Query/dataQuality';
import { DataQuality } from './DataQuality';
import { countyProgress } from './Query/countyProgress';
import { people } from './Query/people';
import { person } from './Query/person';
import { setEmployedPopulation } from './Mutation/setEmployedPopulation';
import { syncHolderIndex } from './Mutation/syncHolderIndex';
import { CountyProgress } from './CountyProgress';
import { Person } from './Person';

/** hrss's own resolvers, merged over the kit's department resolvers. */
export const resolvers = {
  ...programmeResolvers,
  Query: { person, people, countyProgress, aggregate, auditLog, dataQuality, ...programmeResolvers.Query },
  Mutation: { syncHolderIndex, setEmployedPopulation, ...programmeResolvers.Mutation },
  Person,
  CountyProgress,
  DataQuality,
  HrssTraining: {
    apprenticeship: (t: { apprenticeship: number | null }) => (t.apprenticeship === null ? null : Number(t.apprenticeship) === 1),
  },
};
