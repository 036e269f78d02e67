import type { Principal } from '@hub/auth';
import { demoPerson } from '@hub/demo-data';
import { DOSSIER_QUERY } from '../bench/lib/hiveGateway';
import { GraphQLResponse, startHub, TestHub } from './fixtures/startHub';

const PERSONS = 40;
const admin: Principal = { subject: 'county-admin', role: 'COUNTY_ADMIN' };
const educationStaff: Principal = { subject: 'clerk-wang', role: 'DEPARTMENT_STAFF', department: 'EDUCATION' };

/** What a staff member may ask of one person: their department's part and another's (refused or empty for them). */
const STAFF_QUERY = `query($id: String!) { person(idNumber: $id) { id name
  education { certificates { certificateNumber kind } trainings { programme } }
  veterans { certificates { certificateNumber } trainings { programme } } } }`;

/** An answer without what differs per request anyway (nothing, today), errors by path, code and message. */
const comparable = (body: GraphQLResponse) => ({
  data: body.data,
  errors: body.errors?.map((e) => ({ path: e.path, code: e.extensions?.code, message: e.message })),
});

/**
 * Entity fetches of concurrent requests travel to a department in one call (gateway/src/entityBatches.ts).
 * Every request must still get exactly what it would have got alone: its own persons, what its own principal
 * may see, and every audited reveal written as its own entry.
 */
describe('entity fetches of concurrent requests, batched', () => {
  let hub: TestHub;
  const ids = Array.from({ length: PERSONS }, (_, i) => demoPerson(i).idNumber);

  const metric = async (name: string, subgraph: string, outcome?: string) => {
    const text = await (await fetch(hub.gatewayUrl.replace('/graphql', '/metrics'))).text();
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`${name}{`) && l.includes(`subgraph="${subgraph}"`) && (!outcome || l.includes(`outcome="${outcome}"`)));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  };

  beforeAll(async () => {
    // Every entity fetch waits up to 50 ms for company (none may go out alone at once), so that batches form whatever
    // the machine's speed: what is tested is that each request still gets its own answer.
    hub = await startHub({
      persons: PERSONS,
      env: {
        HUB_RATE_LIMIT_PER_SECOND: '100000',
        HUB_RATE_LIMIT_BURST: '100000',
        HUB_SUBGRAPH_BATCH_IN_FLIGHT: '0',
        HUB_SUBGRAPH_BATCH_WAIT_MS: '50',
      },
    });
    await hub.county.services.sync.syncAll();
  }, 180_000);
  afterAll(() => hub?.stop());

  it('gives every concurrent dossier what it gets alone, with fewer calls to each department', async () => {
    const alone: ReturnType<typeof comparable>[] = [];
    for (const id of ids) alone.push(comparable(await hub.query(DOSSIER_QUERY, { id })));
    expect(alone.filter((a) => a.data?.person).length).toBeGreaterThan(PERSONS / 2);
    expect(alone.every((a) => a.errors === undefined)).toBe(true);

    const callsBefore = await metric('hub_subgraph_requests_total', 'education', 'ok');
    const joinedBefore = await metric('hub_subgraph_batched_fetches_total', 'education');
    // Each person three times over, all at once: a batch holds several persons, and sometimes one person twice.
    const together = await Promise.all([...ids, ...ids, ...ids].map((id) => hub.query(DOSSIER_QUERY, { id })));
    expect(together.map(comparable)).toEqual([...alone, ...alone, ...alone]);

    const calls = (await metric('hub_subgraph_requests_total', 'education', 'ok')) - callsBefore;
    const joined = (await metric('hub_subgraph_batched_fetches_total', 'education')) - joinedBefore;
    expect(joined).toBeGreaterThan(0);
    expect(calls).toBeLessThan(3 * PERSONS);
  });

  it('never lets one principal’s fetch travel in another’s call', async () => {
    const who = [admin, educationStaff];
    const alone = new Map<string, ReturnType<typeof comparable>>();
    for (const principal of who)
      for (const id of ids) alone.set(`${principal.subject}/${id}`, comparable((await hub.queryAs(principal, STAFF_QUERY, { id })).body));
    // Persons education staff may look up: for them the staff member's answer differs from the administrator's
    // (no veterans' records), so a call mixing the two would show.
    const shared = ids.filter((id) => alone.get(`${educationStaff.subject}/${id}`)?.data?.person);
    expect(shared.length).toBeGreaterThan(3);
    expect(
      shared.some(
        (id) => JSON.stringify(alone.get(`${educationStaff.subject}/${id}`)) !== JSON.stringify(alone.get(`${admin.subject}/${id}`)),
      ),
    ).toBe(true);

    const calls = [1, 2, 3].flatMap(() => shared.flatMap((id) => who.map((principal) => ({ principal, id }))));
    const answers = await Promise.all(calls.map(({ principal, id }) => hub.queryAs(principal, STAFF_QUERY, { id })));
    answers.forEach((answer, i) => {
      expect(answer.status).toBe(200);
      expect(comparable(answer.body)).toEqual(alone.get(`${calls[i].principal.subject}/${calls[i].id}`));
    });
  });

  it('sends audited reveals one call each, each written to the audit log with its own request', async () => {
    const revealed = ids.slice(0, 12);
    const joinedBefore = await metric('hub_subgraph_batched_fetches_total', 'education');
    const answers = await Promise.all(
      revealed.map((id) =>
        hub.query(`query($id: String!) { person(idNumber: $id) { id education { person { idNumber(purpose: "批量核对 ${id}") } } } }`, {
          id,
        }),
      ),
    );
    expect(await metric('hub_subgraph_batched_fetches_total', 'education')).toBe(joinedBefore);
    const shown = answers.filter((a) => a.data?.person?.education?.person);
    expect(shown.length).toBeGreaterThan(0);
    for (const answer of shown) expect(revealed).toContain(answer.data.person.education.person.idNumber);

    await hub.query('mutation { syncHolderIndex { department } }');
    for (const answer of shown) {
      const id = answer.data.person.education.person.idNumber as string;
      const audit = await hub.query(`{ auditLog(personId: "${answer.data.person.id}") { nodes { department field purpose } } }`);
      expect(audit.errors).toBeUndefined();
      expect(audit.data.auditLog.nodes).toContainEqual({ department: 'EDUCATION', field: 'idNumber', purpose: `批量核对 ${id}` });
    }
  });

  it('tells every request of a batched call that the department is down, and still answers the rest', async () => {
    const held = ids.slice(0, 20);
    const alone = await hub.query(DOSSIER_QUERY, { id: held[0] });
    await hub.takeDown('education');
    try {
      const answers = await Promise.all(held.map((id) => hub.query(DOSSIER_QUERY, { id })));
      for (const answer of answers.filter((a) => a.data?.person)) {
        expect(answer.errors).toHaveLength(1);
        expect(answer.errors?.[0].extensions).toMatchObject({ code: 'DEPARTMENT_UNAVAILABLE', department: 'EDUCATION' });
        expect(answer.data.person.education).toBeNull();
      }
      expect(answers[0].data.person.hrss).toEqual(alone.data.person.hrss);
    } finally {
      await hub.bringUp('education');
    }
  });
});
