/**
 * Entity fetches of different requests, sent to one subgraph as one call.
 *
 * A query plan asks each department for its part of a person with an `_entities` fetch: the same
 * operation text for every dossier, with one representation per person. When many dossiers are being
 * answered at once, the fetches that become ready in the same turn of the event loop with the same
 * principal, operation and other variables are sent as one call carrying all their representations,
 * and each request gets back its own slice of `_entities` (and of the errors). The subgraph resolves
 * every representation on its own with the same principal, so each slice is what a call of its own
 * would have returned; the department answers one HTTP request and one GraphQL execution instead of
 * many, and its loaders read all the persons with one statement.
 *
 * A fetch waits for company only while the subgraph is already busy with calls under its key: when
 * fewer than `inFlight` are out, the batch is sent as soon as the current turn's I/O has been handled
 * (setImmediate), so on a quiet hub every fetch goes at once; otherwise it goes when one of those calls
 * returns, or after `maxWaitMs` at the latest. The busier the hub, the larger the batches, and the
 * subgraph never sits idle while fetches wait. Writes and audited reads are never batched (the caller
 * decides; see HubDataSource), and a batch never mixes principals.
 */

/** The parts of a subgraph's GraphQL answer that batching reads. */
export interface EntitiesResponse {
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<{ readonly message?: string; readonly path?: ReadonlyArray<string | number> }>;
}

/**
 * One caller's share of a batched answer: `_entities[offset, offset + count)`, the errors located in that
 * range (their index moved to the caller's own), and every error not located at one entity (a failure of
 * the whole call concerns each caller).
 */
export function sliceEntities<T extends EntitiesResponse>(response: T, offset: number, count: number): T {
  const entities = response.data?._entities;
  const data =
    response.data && Array.isArray(entities) ? { ...response.data, _entities: entities.slice(offset, offset + count) } : response.data;
  const errors = response.errors?.flatMap((error) => {
    const at = error.path?.[1];
    if (error.path?.[0] !== '_entities' || typeof at !== 'number') return [error];
    if (at < offset || at >= offset + count) return [];
    return [{ ...error, path: ['_entities', at - offset, ...error.path.slice(2)] }];
  });
  const sliced: T = { ...response, data };
  if (errors && errors.length > 0) sliced.errors = errors;
  else delete sliced.errors;
  return sliced;
}

interface Part<TArgs, TResponse> {
  args: TArgs;
  representations: readonly unknown[];
  resolve(response: TResponse): void;
  reject(error: unknown): void;
}

interface Batch<TArgs, TResponse> {
  parts: Part<TArgs, TResponse>[];
  representations: number;
  sent: boolean;
  /** Set while the batch waits for a call under its key to return. */
  timer?: NodeJS.Timeout;
}

export interface EntityBatcherOptions {
  /** At most this many representations in one call; a fetch with more is sent on its own. */
  maxRepresentations: number;
  /** Calls under one key that may be out at once before new fetches wait for one of them (default 1). */
  inFlight?: number;
  /** The longest a fetch waits for a busy key's call to return (default 10 ms). */
  maxWaitMs?: number;
  /** Told the number of callers and representations of each call that carried more than one caller. */
  onBatch?(callers: number, representations: number): void;
}

/**
 * Collects entity fetches by key (everything but the representations must be equal under one key) and
 * sends each collection through `send` with the first caller's arguments and everyone's representations.
 */
export class EntityBatcher<TArgs, TResponse extends EntitiesResponse> {
  private readonly open = new Map<string, Batch<TArgs, TResponse>>();
  /** Calls out per key. */
  private readonly busy = new Map<string, number>();

  constructor(
    private readonly send: (args: TArgs, representations: readonly unknown[]) => Promise<TResponse>,
    private readonly options: EntityBatcherOptions,
  ) {}

  load(key: string, representations: readonly unknown[], args: TArgs): Promise<TResponse> {
    if (representations.length >= this.options.maxRepresentations) return this.call(key, args, representations);
    return new Promise<TResponse>((resolve, reject) => {
      let batch = this.open.get(key);
      if (batch && batch.representations + representations.length > this.options.maxRepresentations) {
        this.dispatch(key, batch);
        batch = undefined;
      }
      if (!batch) {
        const opened: Batch<TArgs, TResponse> = { parts: [], representations: 0, sent: false };
        this.open.set(key, opened);
        if ((this.busy.get(key) ?? 0) < (this.options.inFlight ?? 1)) setImmediate(() => this.dispatch(key, opened));
        else opened.timer = setTimeout(() => this.dispatch(key, opened), this.options.maxWaitMs ?? 10);
        batch = opened;
      }
      batch.parts.push({ args, representations, resolve, reject });
      batch.representations += representations.length;
    });
  }

  private dispatch(key: string, batch: Batch<TArgs, TResponse>): void {
    if (batch.sent) return;
    batch.sent = true;
    clearTimeout(batch.timer);
    if (this.open.get(key) === batch) this.open.delete(key);
    const { parts } = batch;
    if (parts.length > 1) this.options.onBatch?.(parts.length, batch.representations);
    this.call(key, parts[0].args, parts.length === 1 ? parts[0].representations : parts.flatMap((part) => part.representations)).then(
      (response) => {
        // A short or long answer cannot be divided safely: every entity after a missing one would go to the wrong caller.
        const entities = response.data?._entities;
        if (Array.isArray(entities) && entities.length !== batch.representations) {
          const error = new Error(`Expected "data._entities" to contain ${batch.representations} elements, got ${entities.length}`);
          for (const part of parts) part.reject(error);
          return;
        }
        let offset = 0;
        for (const part of parts) {
          part.resolve(sliceEntities(response, offset, part.representations.length));
          offset += part.representations.length;
        }
      },
      (error: unknown) => {
        for (const part of parts) part.reject(error);
      },
    );
  }

  /** One call under a key, counted while it is out; when it returns, a batch waiting on the key goes. */
  private async call(key: string, args: TArgs, representations: readonly unknown[]): Promise<TResponse> {
    this.busy.set(key, (this.busy.get(key) ?? 0) + 1);
    try {
      return await this.send(args, representations);
    } finally {
      const left = (this.busy.get(key) ?? 1) - 1;
      if (left > 0) this.busy.set(key, left);
      else this.busy.delete(key);
      const waiting = this.open.get(key);
      if (waiting?.timer) this.dispatch(key, waiting);
    }
  }
}
