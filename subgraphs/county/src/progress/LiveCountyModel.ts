import { chunks } from '@hub/subgraph-kit';
import type { CountyFactsRepository, PersonSelection } from '../repositories/CountyFactsRepository';
import type { IndexGate } from '../repositories/IndexGate';
import { CountyModel } from './CountyModel';

/** Person ids are hex: the whole index is read in 16 ranges of their first digit. */
const RANGES = [null, ...'123456789abcdef'].map((from, i, all): PersonSelection => ({ from, to: all[i + 1] ?? null }));
/** Above this many stale persons (and a quarter of all), reading the whole index is cheaper. */
const RELOAD_AT = 2_000;

/**
 * The holder index in memory (CountyModel), kept up with it: each applied feed page marks its persons
 * stale, and the next reader re-reads only those. Readers run between two applied pages, so they see the
 * index as of one moment.
 */
export class LiveCountyModel {
  /** Null until first read whole (and again after a failed catch-up). */
  private model: CountyModel | null = null;
  private readonly stale = new Set<string>();
  /** Set when the index changed in ways not known person by person: read it whole. */
  private staleEverything = false;

  /** `recordKeyOf`: a person's record key for disclosure control (HMAC with the service's secret). */
  constructor(
    private readonly gate: IndexGate,
    private readonly facts: CountyFactsRepository,
    private readonly recordKeyOf: (personId: string) => number,
  ) {
    gate.onApplied((personIds) => {
      if (!this.model) return;
      if (personIds === 'everything') this.staleEverything = true;
      else for (const id of personIds) this.stale.add(id);
    });
  }

  /** Runs `reader` on the model once it has caught up with the index. */
  read<T>(reader: (model: CountyModel) => T): Promise<T> {
    return this.gate.exclusive(async () => reader(await this.catchUp()));
  }

  private async catchUp(): Promise<CountyModel> {
    const model = this.model;
    try {
      if (!model || this.staleEverything || this.stale.size > Math.max(RELOAD_AT, model.persons / 4)) {
        this.stale.clear();
        this.staleEverything = false;
        this.model = null;
        const fresh = new CountyModel(this.recordKeyOf);
        for (const range of RANGES) fresh.put([], ...(await this.readFacts(range)));
        this.model = fresh;
        return fresh;
      }
      if (this.stale.size) {
        const ids = [...this.stale];
        this.stale.clear();
        const parts = await Promise.all(chunks(ids).map((part) => this.readFacts({ ids: part })));
        model.put(
          ids,
          parts.flatMap((p) => p[0]),
          parts.flatMap((p) => p[1]),
          parts.flatMap((p) => p[2]),
        );
      }
      return model;
    } catch (error) {
      // Half caught up is not a model: read it whole next time.
      this.model = null;
      throw error;
    }
  }

  private async readFacts(selection: PersonSelection) {
    return [await this.facts.persons(selection), await this.facts.holdings(selection), await this.facts.trainings(selection)] as const;
  }
}
