import type { HrssTrainingMapper } from './mappers';

/** HrssTraining: the column stores apprenticeship as 0/1 (null when not recorded); the graph answers a Boolean. */
export const HrssTraining = {
  apprenticeship: (t: HrssTrainingMapper) => (t.apprenticeship === null ? null : Number(t.apprenticeship) === 1),
};
