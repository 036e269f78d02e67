import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { demoDepartments, demoPerson, demoRecordsOf } from '@hub/demo-data';
import { defaultSupergraphPath } from '@hub/gateway/src/createGateway';
import { BENCH_ROLE_HEADER, DOSSIER_QUERY as DOSSIER } from '../bench/lib/hiveGateway';
import { freePort } from './fixtures/freePort';
import { GraphQLResponse, startHub, TestHub } from './fixtures/startHub';

const PERSONS = 50;
const AS_OF = '2025-12-31';

const PROGRESS = `query CountyProgress($asOf: Date) { countyProgress(asOf: $asOf) { asOf periodFrom periodTo
  certificateHolders { value target ratio } skilledTalents { value target ratio } midHighSkilledTalents { value target ratio }
  highSkilledTalents { value target ratio } newlyCertified { value } trainingPersonTimes { value }
  byDepartment { department holders overlap } byTownship { key label holders } byLevel { key label holders }
  completeness { department pendingChanges } } }`;

const GROUPING = `query AnalystGrouping($asOf: Date) { countyProgress(asOf: $asOf) { byTownship { key label holders } byLevel { key label holders } }
  aggregate(dimensions: [TOWNSHIP, LEVEL], measures: [HOLDERS, CERTIFICATES], asOf: $asOf) { asOf truncated rows { keys { dimension key label } holders certificates suppressed } } }`;

/** A seeded demo person with records in at least three departments. */
function personInThreeDepartments(): string {
  for (let index = 0; index < PERSONS; index++) {
    const departments = demoDepartments.filter((d) => {
      const records = demoRecordsOf(d, index);
      return records !== null && records.certificates.length + records.trainings.length > 0;
    });
    if (departments.length >= 3) return demoPerson(index).idNumber;
  }
  throw new Error('demo data has nobody in three departments');
}

/**
 * The committed supergraph, unchanged, on Hive Gateway with the Rust query planner (router-runtime):
 * the benchmark's second gateway must give the answers ours gives, or its numbers mean nothing.
 * Hive authenticates nobody here; it signs the hub's principal header into every subgraph call.
 *
 * Hive runs as bench/lib/hiveServer.ts (createGatewayRuntime with router-runtime's
 * unifiedGraphHandler, see bench/lib/hiveGateway.ts), the very setup the benchmark measures, in a
 * process of its own: router-runtime loads its native planner with a dynamic import(), which jest's
 * module sandbox refuses without --experimental-vm-modules.
 */
describe('Hive Gateway (router-runtime) on the committed supergraph', () => {
  let hub: TestHub;
  let hive: ChildProcess | undefined;
  let hiveUrl: string;

  const viaHive = async (
    query: string,
    variables: Record<string, unknown>,
    role = 'COUNTY_ADMIN',
  ): Promise<{ status: number; body: GraphQLResponse }> => {
    const response = await fetch(hiveUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [BENCH_ROLE_HEADER]: role },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse };
  };

  beforeAll(async () => {
    hub = await startHub({ persons: PERSONS });
    const sync = await hub.query('mutation { syncHolderIndex { department lastError } }');
    expect(sync.errors).toBeUndefined();
    const port = await freePort();
    hiveUrl = `http://127.0.0.1:${port}/graphql`;
    // Subgraph URLs moved to the in-process ports; everything else comes from the file. The hub's
    // environment carries its signing key (the development key when none is set).
    hive = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'bench', 'lib', 'hiveServer.ts')], {
      env: { ...hub.env, HIVE_PORT: String(port), HUB_SUPERGRAPH: defaultSupergraphPath, HIVE_SUBGRAPH_URLS: JSON.stringify(hub.urls) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const until = Date.now() + 90_000;
    for (;;) {
      try {
        const response = await fetch(hiveUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{ __typename }"}',
        });
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > until || hive.exitCode !== null) throw new Error('Hive Gateway did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 180_000);

  afterAll(async () => {
    if (hive && hive.exitCode === null) {
      const exited = new Promise((resolve) => hive!.once('exit', resolve));
      hive.kill('SIGTERM');
      await exited;
    }
    await hub?.stop();
  });

  it('answers the person dossier across departments exactly as our gateway does', async () => {
    const variables = { id: personInThreeDepartments() };
    const ours = await hub.query(DOSSIER, variables);
    expect(ours.errors).toBeUndefined();
    expect(ours.data.person.departments.length).toBeGreaterThanOrEqual(3);
    const hive = await viaHive(DOSSIER, variables);
    expect(hive.status).toBe(200);
    expect(hive.body.errors).toBeUndefined();
    expect(hive.body.data).toEqual(ours.data);
  });

  it('answers countyProgress exactly as our gateway does', async () => {
    const ours = await hub.query(PROGRESS, { asOf: AS_OF });
    expect(ours.errors).toBeUndefined();
    expect(ours.data.countyProgress.certificateHolders.value).toBeGreaterThan(0);
    const hive = await viaHive(PROGRESS, { asOf: AS_OF });
    expect(hive.status).toBe(200);
    expect(hive.body.errors).toBeUndefined();
    expect(hive.body.data).toEqual(ours.data);
  });

  it('carries the caller it signs for: an analyst gets the analyst’s (suppressed) grouping, as through our gateway', async () => {
    const analyst = { subject: 'test-analyst', role: 'ANALYST' as const };
    const ours = await hub.queryAs(analyst, GROUPING, { asOf: AS_OF });
    expect(ours.body.errors).toBeUndefined();
    const hive = await viaHive(GROUPING, { asOf: AS_OF }, 'ANALYST');
    expect(hive.body.errors).toBeUndefined();
    expect(hive.body.data).toEqual(ours.body.data);
    // Small cells are suppressed for analysts, not for the county administrator: the role got through.
    const asAdmin = await viaHive(GROUPING, { asOf: AS_OF });
    expect(asAdmin.body.data).not.toEqual(hive.body.data);
    // Person-level records are refused to a dashboard through Hive as through our gateway.
    const dashboard = await viaHive(DOSSIER, { id: personInThreeDepartments() }, 'DASHBOARD');
    expect(dashboard.body.errors?.length).toBeGreaterThan(0);
  });
});
