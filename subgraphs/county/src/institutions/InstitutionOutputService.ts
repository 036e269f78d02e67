import { InputError, institutionKey, institutionOutput, type InstitutionOutput } from '@hub/subgraph-kit';
import type { CountyFactsRepository } from '../repositories/CountyFactsRepository';
import type { HoldingRepository } from '../repositories/HoldingRepository';

/** Bounds on one question: hrss asks for a year's selection (about eight institutions, three names each). */
const MAX_INSTITUTIONS = 200;
const MAX_NAMES = 10;

/**
 * 培训成效 training institutions' outputs over every department's records in the holder index: the trainings whose
 * provider is one of an institution's names (matched under institutionKey) that started in the year, and the
 * certificates of any department their trainees hold, counted by the one output rule (institutionOutput).
 */
export class InstitutionOutputService {
  constructor(
    private readonly facts: CountyFactsRepository,
    private readonly holdings: HoldingRepository,
  ) {}

  /** One output per institution, in the order asked; an institution is the names it goes by (name, code, credit code). */
  async outputs(institutions: readonly (readonly string[])[], year: number): Promise<InstitutionOutput[]> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new InputError('BAD_YEAR', 'year', `年度 ${year} 无效`);
    if (institutions.length > MAX_INSTITUTIONS) {
      throw new InputError('TOO_MANY_INSTITUTIONS', 'institutions', `一次最多查询 ${MAX_INSTITUTIONS} 个培训机构`);
    }
    const keysOf = institutions.map((names) => {
      if (names.length > MAX_NAMES) throw new InputError('TOO_MANY_NAMES', 'institutions', `每个培训机构最多 ${MAX_NAMES} 个名称`);
      return new Set(names.map(institutionKey).filter((k): k is string => k !== null));
    });
    const trainings = await this.facts.trainingsProvidedBy(
      keysOf.flatMap((keys) => [...keys]),
      `${year}-01-01`,
      `${year}-12-31`,
    );
    const certificates = await this.holdings.byPersonIds([...new Set(trainings.map((t) => t.personId))]);
    return keysOf.map((keys) =>
      institutionOutput(
        trainings.filter((t) => keys.has(t.providerKey)),
        certificates,
      ),
    );
  }
}
