import { EntitiesResponse, EntityBatcher, sliceEntities } from './entityBatches';

type Call = { args: string; representations: unknown[] };

/** A subgraph stand-in answering each representation `r` with `{ r }`, and recording its calls. */
function recorder(answer?: (representations: readonly unknown[]) => Promise<EntitiesResponse>) {
  const calls: Call[] = [];
  const pending: (() => void)[] = [];
  let hold = false;
  const send = (args: string, representations: readonly unknown[]): Promise<EntitiesResponse> => {
    calls.push({ args, representations: [...representations] });
    const respond = () =>
      answer ? answer(representations) : Promise.resolve({ data: { _entities: representations.map((r) => ({ r })) } });
    if (!hold) return respond();
    return new Promise((resolve, reject) => {
      pending.push(() => void respond().then(resolve, reject));
    });
  };
  return {
    calls,
    send,
    /** Calls made from now on wait until release(). */
    holdCalls: () => (hold = true),
    release: () => {
      hold = false;
      for (const go of pending.splice(0)) go();
    },
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('sliceEntities', () => {
  const response: EntitiesResponse = {
    data: { _entities: ['a', 'b', 'c', 'd'] },
    errors: [
      { message: 'b failed', path: ['_entities', 1, 'education', 'certificates'] },
      { message: 'd failed', path: ['_entities', 3] },
      { message: 'whole call' },
      { message: 'elsewhere', path: ['other', 0] },
    ],
  };

  it('gives each caller its own entities, its own errors re-indexed, and the errors of the whole call', () => {
    expect(sliceEntities(response, 0, 2)).toEqual({
      data: { _entities: ['a', 'b'] },
      errors: [
        { message: 'b failed', path: ['_entities', 1, 'education', 'certificates'] },
        { message: 'whole call' },
        { message: 'elsewhere', path: ['other', 0] },
      ],
    });
    expect(sliceEntities(response, 2, 2)).toEqual({
      data: { _entities: ['c', 'd'] },
      errors: [{ message: 'd failed', path: ['_entities', 1] }, { message: 'whole call' }, { message: 'elsewhere', path: ['other', 0] }],
    });
  });

  it('leaves out the errors key when none concern the caller, and passes a null answer to everyone', () => {
    const one: EntitiesResponse = { data: { _entities: [1, 2] }, errors: [{ path: ['_entities', 1] }] };
    expect(sliceEntities(one, 0, 1)).toEqual({ data: { _entities: [1] } });
    expect(sliceEntities({ data: null, errors: [{ path: ['_entities'] }] }, 1, 1)).toEqual({
      data: null,
      errors: [{ path: ['_entities'] }],
    });
  });
});

describe('EntityBatcher', () => {
  it('sends the fetches of one turn under one key as one call, and gives each caller its slice', async () => {
    const subgraph = recorder();
    const batches: [number, number][] = [];
    const batcher = new EntityBatcher(subgraph.send, { maxRepresentations: 100, onBatch: (c, r) => batches.push([c, r]) });
    const answers = await Promise.all([
      batcher.load('k', ['p1'], 'first'),
      batcher.load('k', ['p2', 'p3'], 'second'),
      batcher.load('k', ['p4'], 'third'),
    ]);
    expect(subgraph.calls).toEqual([{ args: 'first', representations: ['p1', 'p2', 'p3', 'p4'] }]);
    expect(answers.map((a) => a.data?._entities)).toEqual([[{ r: 'p1' }], [{ r: 'p2' }, { r: 'p3' }], [{ r: 'p4' }]]);
    expect(batches).toEqual([[3, 4]]);
  });

  it('never puts different keys (principals, operations) in one call', async () => {
    const subgraph = recorder();
    const batcher = new EntityBatcher(subgraph.send, { maxRepresentations: 100 });
    await Promise.all([batcher.load('admin', ['p1'], 'a'), batcher.load('staff', ['p2'], 'b'), batcher.load('admin', ['p3'], 'c')]);
    expect(subgraph.calls).toEqual([
      { args: 'a', representations: ['p1', 'p3'] },
      { args: 'b', representations: ['p2'] },
    ]);
  });

  it('sends a fetch alone as it is, and a fetch at the size limit at once', async () => {
    const subgraph = recorder();
    const batches: number[] = [];
    const batcher = new EntityBatcher(subgraph.send, { maxRepresentations: 3, onBatch: (c) => batches.push(c) });
    expect((await batcher.load('k', ['p1'], 'x')).data).toEqual({ _entities: [{ r: 'p1' }] });
    await batcher.load('k', ['a', 'b', 'c'], 'big');
    expect(subgraph.calls).toEqual([
      { args: 'x', representations: ['p1'] },
      { args: 'big', representations: ['a', 'b', 'c'] },
    ]);
    expect(batches).toEqual([]);
  });

  it('starts a new call when the next fetch would pass the size limit', async () => {
    const subgraph = recorder();
    const batcher = new EntityBatcher(subgraph.send, { maxRepresentations: 4 });
    await Promise.all([batcher.load('k', ['a', 'b'], '1'), batcher.load('k', ['c'], '2'), batcher.load('k', ['d', 'e'], '3')]);
    expect(subgraph.calls.map((c) => c.representations)).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
  });

  it('fails every caller of a call that failed, and of an answer with the wrong number of entities', async () => {
    const down = new EntityBatcher(recorder(() => Promise.reject(new Error('education unavailable'))).send, { maxRepresentations: 10 });
    const failed = await Promise.allSettled([down.load('k', ['p1'], 'a'), down.load('k', ['p2'], 'b')]);
    expect(failed.map((f) => f.status === 'rejected' && (f.reason as Error).message)).toEqual([
      'education unavailable',
      'education unavailable',
    ]);

    // One entity missing in the middle: dividing the rest would hand p3's data to p2's caller.
    const short = new EntityBatcher(recorder(async () => ({ data: { _entities: [{ r: 'p1' }, { r: 'p3' }] } })).send, {
      maxRepresentations: 10,
    });
    const shifted = await Promise.allSettled([short.load('k', ['p1'], 'a'), short.load('k', ['p2'], 'b'), short.load('k', ['p3'], 'c')]);
    expect(shifted.every((s) => s.status === 'rejected' && /contain 3 elements, got 2/.test((s.reason as Error).message))).toBe(true);
  });

  it('while a call under the key is out, holds new fetches and sends them together when it returns', async () => {
    const subgraph = recorder();
    const batcher = new EntityBatcher(subgraph.send, { maxRepresentations: 100, inFlight: 1, maxWaitMs: 60_000 });
    subgraph.holdCalls();
    const first = batcher.load('k', ['p1'], 'a');
    await turn();
    expect(subgraph.calls).toHaveLength(1);
    const later = [batcher.load('k', ['p2'], 'b'), batcher.load('k', ['p3'], 'c')];
    await turn();
    await turn();
    expect(subgraph.calls).toHaveLength(1);
    // Another key is not held up by this one.
    const other = batcher.load('other', ['q'], 'd');
    await turn();
    expect(subgraph.calls).toHaveLength(2);
    subgraph.release();
    await Promise.all([first, other]);
    const answers = await Promise.all(later);
    expect(subgraph.calls.map((c) => c.representations)).toEqual([['p1'], ['q'], ['p2', 'p3']]);
    expect(answers.map((a) => a.data?._entities)).toEqual([[{ r: 'p2' }], [{ r: 'p3' }]]);
  });

  it('sends held fetches after maxWaitMs when the call out does not return', async () => {
    const subgraph = recorder();
    const batcher = new EntityBatcher(subgraph.send, { maxRepresentations: 100, inFlight: 1, maxWaitMs: 20 });
    subgraph.holdCalls();
    void batcher.load('k', ['slow'], 'a');
    await turn();
    subgraph.release();
    subgraph.holdCalls();
    const stuck = batcher.load('k', ['p1'], 'b');
    await turn();
    const held = batcher.load('k', ['p2'], 'c');
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(subgraph.calls.map((c) => c.representations)).toEqual([['slow'], ['p1'], ['p2']]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(20);
    subgraph.release();
    expect((await stuck).data?._entities).toEqual([{ r: 'p1' }]);
    expect((await held).data?._entities).toEqual([{ r: 'p2' }]);
  });
});
