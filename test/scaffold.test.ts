import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hubSecretsFromEnv, mintToken } from '@hub/auth';
import { defaultPorts } from '@hub/runtime';
import { departments, departmentSlug } from '@hub/vocabulary';
import type { Service, Subgraph } from '@hub/subgraph-kit';
import * as edits from '../scripts/lib/sourceEdits';
import { createTestEnv, TestEnv } from './fixtures/testEnv';

/**
 * `npm run new-department` end to end, in a copy of the repository (this checkout is never touched):
 * the scaffold runs, the copy composes, the new subgraph starts and answers through the copy's
 * gateway, hrss pulls its change feed, and the department's generated tests pass there.
 */
const repo = path.join(__dirname, '..');
// A name no real department will take, so the test keeps working after real ones are added.
const SLUG = 'scaffold-probe';
const LABEL = '脚手架验证局';
const CODE = 'SCAFFOLD_PROBE';
const PREFIX = 'ScaffoldProbe';
const FIELD = 'scaffoldProbe';

/**
 * Copies the repository without node_modules, the data folder and .git, and gives the copy a
 * node_modules of its own: links to this checkout's packages, except @hub/*, which point at the
 * copy's workspaces (so the copy runs its own, edited, vocabulary and kit).
 */
function copyRepository(target: string): void {
  const topLevelSkips = new Set(['data', 'tmp', '.git']);
  fs.cpSync(repo, target, {
    recursive: true,
    filter: (source) => {
      const name = path.basename(source);
      return name !== 'node_modules' && !(path.dirname(source) === repo && topLevelSkips.has(name));
    },
  });
  const modules = path.join(target, 'node_modules');
  fs.mkdirSync(path.join(modules, '@hub'), { recursive: true });
  for (const entry of fs.readdirSync(path.join(repo, 'node_modules'))) {
    if (entry !== '@hub') fs.symlinkSync(path.join(repo, 'node_modules', entry), path.join(modules, entry));
  }
  const workspaces = [
    'gateway',
    ...['packages', 'subgraphs'].flatMap((group) => fs.readdirSync(path.join(target, group)).map((d) => path.join(group, d))),
  ];
  for (const workspace of workspaces) {
    const manifest = path.join(target, workspace, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const { name } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name: string };
    fs.symlinkSync(path.relative(path.dirname(path.join(modules, name)), path.join(target, workspace)), path.join(modules, name));
    // A workspace's own node_modules (a dependency version npm could not hoist).
    const nested = path.join(repo, workspace, 'node_modules');
    if (fs.existsSync(nested)) fs.symlinkSync(nested, path.join(target, workspace, 'node_modules'));
  }
}

interface Run {
  status: number | null;
  output: string;
}

/**
 * Runs a program in the copy without blocking the test process (the servers below keep answering);
 * a program still running after `timeoutMs` is stopped, and says so in its output.
 */
function run(copy: string, command: string, args: string[], timeoutMs = 150_000): { done: Promise<Run>; stop(): void } {
  const child = spawn(command, args, { cwd: copy, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const timer = setTimeout(() => {
    output += `\n[stopped after ${timeoutMs} ms]`;
    child.kill('SIGTERM');
  }, timeoutMs);
  const done = new Promise<Run>((resolve) =>
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    }),
  );
  return { done, stop: () => child.exitCode === null && child.kill('SIGTERM') };
}

describe('npm run new-department', () => {
  let copy = '';
  const bin = (name: string) => path.join(copy, 'node_modules', '.bin', name);
  let scaffold: ReturnType<typeof spawnSync>;
  let generatedTests: ReturnType<typeof run> | undefined;
  let typecheck: ReturnType<typeof run> | undefined;

  beforeAll(() => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-scaffold-'));
    copyRepository(copy);
    scaffold = spawnSync(bin('tsx'), ['scripts/newDepartment.ts', SLUG, LABEL], {
      cwd: copy,
      encoding: 'utf8',
      env: { ...process.env, HUB_LOG_LEVEL: 'silent' },
    });
    if (scaffold.status !== 0) return;
    // Slow parts run beside the in-process checks below.
    generatedTests = run(copy, bin('jest'), [
      `subgraphs/${SLUG}`,
      'packages/vocabulary',
      '--ci',
      '--json',
      `--outputFile=${path.join(copy, 'jest-report.json')}`,
    ]);
    const tsconfig = path.join(copy, 'tsconfig.scaffold.json');
    fs.writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: './tsconfig.json',
        include: [`subgraphs/${SLUG}/src`, 'packages/vocabulary/src', 'packages/runtime/src', 'packages/demo-data/src'],
      }),
    );
    typecheck = run(copy, bin('tsc'), ['-p', tsconfig, '--noEmit']);
  }, 60_000);

  afterAll(async () => {
    // The children must not outlive their folder.
    for (const child of [generatedTests, typecheck]) child?.stop();
    await Promise.allSettled([generatedTests?.done, typecheck?.done]);
    if (copy) fs.rmSync(copy, { recursive: true, force: true });
  });

  it('creates the department from the kit and wires it into the vocabulary, ports, deployment and lock file', () => {
    expect(String(scaffold.stdout) + String(scaffold.stderr)).toContain('✓ 新部门 new department');
    expect(scaffold.status).toBe(0);
    for (const file of [
      'package.json',
      'schema.graphql',
      'README.md',
      'src/department.ts',
      'src/server.ts',
      'src/index.ts',
      'src/contract.test.ts',
      // Written by codegen after the compose, so codegen:check holds for the new department too.
      'src/generated/resolvers.ts',
    ]) {
      expect(fs.existsSync(path.join(copy, 'subgraphs', SLUG, file))).toBe(true);
    }
    expect(fs.readdirSync(path.join(copy, 'subgraphs', SLUG, 'src', 'migrations'))).toEqual([
      expect.stringMatching(/^\d{13}-Initial\.ts$/),
    ]);
    const read = (file: string) => fs.readFileSync(path.join(copy, file), 'utf8');
    // One registry entry, and no edit of the lists that derive from it.
    // The next port after every service's, the county service's included.
    const nextPort = Math.max(...Object.values(defaultPorts)) + 1;
    expect(read('packages/vocabulary/src/departmentRegistry.ts')).toContain(
      `{ code: '${CODE}', slug: '${SLUG}', label: '${LABEL}', english: 'Scaffold Probe Bureau', port: ${nextPort}, typePrefix: '${PREFIX}', personField: '${FIELD}' }`,
    );
    for (const derived of [
      'packages/vocabulary/src/enums.ts',
      'packages/vocabulary/src/vocabularySdl.ts',
      'packages/runtime/src/services.ts',
    ])
      expect(read(derived)).toBe(fs.readFileSync(path.join(repo, derived), 'utf8'));
    expect(read('docker-compose.yml')).toContain(`HUB_${CODE}_URL: http://${SLUG}:${nextPort}`);
    expect(read('deploy/mysql/init.sh')).toMatch(new RegExp(`hub_departments="[^"]* ${SLUG}"`));
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, unknown> };
    expect(lock.packages[`subgraphs/${SLUG}`]).toMatchObject({ name: `@hub/subgraph-${SLUG}` });
  });

  it('composes: the supergraph it wrote includes the new subgraph and matches the schema files', async () => {
    const supergraph = fs.readFileSync(path.join(copy, 'gateway', 'supergraph.graphql'), 'utf8');
    expect(supergraph).toMatch(new RegExp(`${CODE} @join__graph\\(name: "${SLUG}", url: "http://127.0.0.1:\\d+/graphql"\\)`));
    expect(supergraph).toContain(`${FIELD}Certificates(`);
    const check = await run(copy, bin('tsx'), ['scripts/compose.ts', '--check']).done;
    expect(check.output).toContain('supergraph up to date');
    expect(check.status).toBe(0);
  });

  describe('the new subgraph, started in this process', () => {
    let testEnv: TestEnv;
    let env: NodeJS.ProcessEnv;
    let probe: Subgraph;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the copy's hrss, typed by its own module
    let hrss: Subgraph<any>;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the copy's county service, typed by its own module
    let county: Service<any, any, any>;
    let gateway: { listen(port?: number): Promise<number>; stop(): Promise<void> };
    let gatewayUrl = '';
    let token = '';
    const gql = async (query: string, variables?: Record<string, unknown>) => {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad hoc response shapes
      return (await response.json()) as { data?: any; errors?: { message: string }[] };
    };

    beforeAll(async () => {
      if (scaffold.status !== 0) throw new Error(`the scaffold failed:\n${String(scaffold.stdout)}${String(scaffold.stderr)}`);
      testEnv = createTestEnv({
        HUB_PERSON_KEY: randomBytes(32).toString('hex'),
        HUB_ID_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
        HUB_JWT_SECRET: randomBytes(32).toString('hex'),
        HUB_SUBGRAPH_SIGNING_KEY: randomBytes(32).toString('hex'),
        HUB_SUPERGRAPH: path.join(copy, 'gateway', 'supergraph.graphql'),
      });
      env = testEnv.env;
      // The other departments are not started here: their feeds fail fast on a closed port.
      for (const department of departments)
        env[`HUB_${departmentSlug[department].toUpperCase().replace(/-/g, '_')}_URL`] = 'http://127.0.0.1:9';
      // The copy's own modules: its vocabulary knows the new department, this checkout's does not.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- modules of the copy, found at run time
      const load = <T>(file: string, name: string): T => (require(path.join(copy, file)) as Record<string, T>)[name];
      probe = load<(e: NodeJS.ProcessEnv) => Subgraph>(`subgraphs/${SLUG}/src/server.ts`, `create${PREFIX}Subgraph`)(env);
      hrss = load<(e: NodeJS.ProcessEnv) => typeof hrss>('subgraphs/hrss/src/server.ts', 'createHrssSubgraph')(env);
      county = load<(e: NodeJS.ProcessEnv) => typeof county>('subgraphs/county/src/server.ts', 'createCountySubgraph')(env);
      for (const [slug, hub] of [
        [SLUG, probe],
        ['hrss', hrss],
        ['county', county],
      ] as const) {
        await hub.init();
        env[`HUB_${slug.toUpperCase().replace(/-/g, '_')}_URL`] = `http://127.0.0.1:${await hub.listen(0)}`;
      }
      gateway = load<(e: NodeJS.ProcessEnv) => typeof gateway>('gateway/src/createGateway.ts', 'createGateway')(env);
      gatewayUrl = `http://127.0.0.1:${await gateway.listen(0)}/graphql`;
      token = await mintToken({ subject: 'scaffold-test', role: 'COUNTY_ADMIN' }, hubSecretsFromEnv(env, () => undefined).jwt);
    }, 120_000);

    afterAll(async () => {
      await gateway?.stop();
      for (const hub of [probe, hrss, county]) if (hub?.http.listening) await hub.stop();
      await testEnv?.cleanup();
    });

    it('records and lists a certificate through the gateway', async () => {
      const recorded = await gql(
        `mutation($input: ${PREFIX}CertificateInput!) { record${PREFIX}Certificate(input: $input) { certificateNumber department person { id } } }`,
        {
          input: {
            idNumber: '410928198512310028',
            name: '脚手架测试',
            township: '柳屯镇',
            kind: 'SPECIAL_EQUIPMENT',
            certificateNumber: 'TZSB-2024-0001',
            issuingBody: `濮阳县${LABEL}`,
            issuedOn: '2024-05-01',
          },
        },
      );
      expect(recorded.errors).toBeUndefined();
      expect(recorded.data[`record${PREFIX}Certificate`]).toMatchObject({ certificateNumber: 'TZSB-2024-0001', department: CODE });
      const listed = await gql(`{ ${FIELD}Certificates(first: 5) { totalCount nodes { certificateNumber } } }`);
      expect(listed.errors).toBeUndefined();
      expect(listed.data[`${FIELD}Certificates`]).toEqual({ totalCount: 1, nodes: [{ certificateNumber: 'TZSB-2024-0001' }] });
    });

    it("is pulled into the county service's holder index from its change feed, and joins the person's dossier", async () => {
      const sync = await gql('mutation { syncHolderIndex { department included lastError } }');
      expect(sync.errors).toBeUndefined();
      expect(sync.data.syncHolderIndex).toContainEqual(expect.objectContaining({ department: CODE, lastError: null }));
      const dossier = await gql(
        `{ person(idNumber: "410928198512310028") { name departments ${FIELD} { certificates { certificateNumber } } } }`,
      );
      expect(dossier.errors).toBeUndefined();
      expect(dossier.data.person).toEqual({
        name: '脚手架测试',
        departments: [CODE],
        [FIELD]: { certificates: [{ certificateNumber: 'TZSB-2024-0001' }] },
      });
    });
  });

  it('passes its generated contract tests (and the vocabulary tests it edited) in the copy', async () => {
    const result = await generatedTests!.done;
    expect(result.output).not.toContain('[stopped after');
    const report = JSON.parse(fs.readFileSync(path.join(copy, 'jest-report.json'), 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      testResults: { name: string }[];
    };
    expect({ status: result.status, failed: report.numFailedTests }).toEqual({ status: 0, failed: 0 });
    expect(report.testResults.map((r) => path.relative(copy, r.name))).toContain(path.join('subgraphs', SLUG, 'src', 'contract.test.ts'));
    expect(report.numPassedTests).toBeGreaterThanOrEqual(9);
  }, 150_000);

  it('type-checks the new department and the packages the scaffold edited', async () => {
    const result = await typecheck!.done;
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  }, 150_000);
});

describe('the source edits the scaffold makes', () => {
  it('appends to one-line and multi-line arrays in their own layout, trailing comma or not', () => {
    expect(edits.appendArrayString("export const departments = ['A', 'B'] as const;\n", 'departments', 'C').text).toBe(
      "export const departments = ['A', 'B', 'C'] as const;\n",
    );
    const multi = "const list = [\n  'A',\n  'B',\n];\n";
    expect(edits.appendArrayString(multi, 'list', 'C').text).toBe("const list = [\n  'A',\n  'B',\n  'C',\n];\n");
    expect(edits.appendArrayString("const list = [\n  'A',\n  'B'\n];\n", 'list', 'C').text).toBe(
      "const list = [\n  'A',\n  'B',\n  'C'\n];\n",
    );
  });

  it('adds an object property after the last one, quoting keys that need it, and keeps comments', () => {
    const source =
      "export const ports: Record<string, number> = {\n  // the gateway first\n  gateway: 4000,\n  'civil-affairs': 4005,\n};\n";
    expect(edits.addObjectProperty(source, 'ports', 'market-regulation', '4007').text).toBe(
      "export const ports: Record<string, number> = {\n  // the gateway first\n  gateway: 4000,\n  'civil-affairs': 4005,\n  'market-regulation': 4007,\n};\n",
    );
  });

  it('appends a registry entry once, keyed by its code, and says when the registry is missing', () => {
    const registry = "export const departmentRegistry = [\n  {\n    code: 'A',\n    port: 1,\n  },\n] as const satisfies readonly X[];\n";
    const added = edits.appendArrayObject(registry, 'departmentRegistry', 'code', 'B', "{ code: 'B', port: 2 }");
    expect(added).toEqual({
      text: "export const departmentRegistry = [\n  {\n    code: 'A',\n    port: 1,\n  },\n  { code: 'B', port: 2 },\n] as const satisfies readonly X[];\n",
      found: true,
      changed: true,
    });
    expect(edits.appendArrayObject(added.text, 'departmentRegistry', 'code', 'B', "{ code: 'B', port: 3 }")).toEqual({
      ...added,
      changed: false,
    });
    // Another key holding the value is not the same entry.
    expect(edits.appendArrayObject(added.text, 'departmentRegistry', 'slug', 'B', "{ code: 'C' }").changed).toBe(true);
    expect(edits.appendArrayObject(registry, 'registry', 'code', 'B', '{}').found).toBe(false);
  });

  it('changes nothing when the value is already there, and says when the anchor is missing', () => {
    const source = "const list = ['A', 'B'];\nconst labels = { A: 'a' };\n";
    expect(edits.appendArrayString(source, 'list', 'B')).toEqual({ text: source, found: true, changed: false });
    expect(edits.addObjectProperty(source, 'labels', 'A', "'x'")).toEqual({ text: source, found: true, changed: false });
    expect(edits.appendArrayString(source, 'missing', 'C').found).toBe(false);
  });

  it('extends every pinned list that holds all the current members', () => {
    const test = "expect(x).toEqual(['hrss', 'finance']);\nexpect(y).toEqual(['hrss']);\nconst m = { hrss: 1, finance: 2 };\n";
    const arrays = edits.appendToStringArraysHolding(test, ['hrss', 'finance'], 'market-regulation');
    expect(arrays.text).toContain("toEqual(['hrss', 'finance', 'market-regulation'])");
    expect(arrays.text).toContain("toEqual(['hrss'])");
    expect(edits.addPropertyToObjectsHolding(arrays.text, ['hrss', 'finance'], 'market-regulation', '3').text).toContain(
      "{ hrss: 1, finance: 2, 'market-regulation': 3 }",
    );
  });
});
