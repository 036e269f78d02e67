import { createHash, randomBytes } from 'node:crypto';
import { hubSecretsFromEnv, mintToken } from '@hub/auth';
import { makeIdNumber } from '@hub/identity';
import { parseHaproxyStats, ServerState } from '../scripts/lib/haproxyConfig';
import { ReplicaDemo, startReplicaDemo } from '../scripts/lib/replicaDemo';
import { testRedis } from './fixtures/redisServer';
import { requireBinary } from './fixtures/systemPackage';
import { createTestEnv, TestEnv } from './fixtures/testEnv';

/**
 * Two gateways behind a real HAProxy (Debian's haproxy), sharing a real Redis (redis-server), over one
 * process of each department and two of the county service, also behind HAProxy (HUB_DB=mysql in CI:
 * MariaDB). The rate limit is 1 request a second with a burst of 30 per client, so a client that gets its
 * budget twice (once per gateway) is plain to see.
 */
const haproxy = requireBinary('haproxy', 'haproxy');
const redisServer = requireBinary('redis-server', 'redis-server');

const LOAD_QUERY =
  '{ educationCertificates(first: 1) { pageInfo { hasNextPage } } agricultureTrainings(first: 1) { pageInfo { hasNextPage } } }';
const PROGRESS_QUERY = '{ countyProgress { certificateHolders { value } byDepartment { department holders } } }';
const RECORD_CERTIFICATE = 'mutation($i: EducationCertificateInput!) { recordEducationCertificate(input: $i) { id } }';

(haproxy && redisServer ? describe : describe.skip)('gateway replicas behind HAProxy', () => {
  let testEnv: TestEnv;
  let redis: Awaited<ReturnType<typeof testRedis>>;
  let demo: ReplicaDemo;
  const tokens = new Map<string, string>();
  const tokenFor = async (subject: string) => {
    let token = tokens.get(subject);
    if (!token)
      tokens.set(subject, (token = await mintToken({ subject, role: 'COUNTY_ADMIN' }, hubSecretsFromEnv(demo.env, () => undefined).jwt)));
    return token;
  };
  const post = async (url: string, subject: string, body: Record<string, unknown>) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(subject)}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    return {
      status: response.status,
      body: (await response.json().catch(() => ({}))) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] },
    };
  };
  const gatewayUrl = (name: string) => `http://127.0.0.1:${demo.processes.get(name)!.port}/graphql`;
  const servers = async (): Promise<ServerState[]> =>
    parseHaproxyStats(await (await fetch(`${demo.statsUrl};csv`)).text()).filter((s) => s.backend === 'gateway');
  const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs: number) => {
    const until = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > until) throw new Error(`not within ${timeoutMs} ms: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    testEnv = createTestEnv({
      HUB_RATE_LIMIT_PER_SECOND: '1',
      HUB_RATE_LIMIT_BURST: '30',
      HUB_LOG_LEVEL: 'error',
      HUB_REDIS_PREFIX: `t${randomBytes(4).toString('hex')}:`,
    });
    redis = await testRedis(redisServer!);
    demo = await startReplicaDemo({
      dataDir: testEnv.env.HUB_DATA_DIR!,
      env: testEnv.env,
      replicas: { gateway: 2, county: 2 },
      redisUrl: redis.url,
      haproxy: haproxy!,
      checkIntervalMs: 300,
    });
    await waitFor('both gateways UP in HAProxy', async () => (await servers()).filter((s) => s.status === 'UP').length === 2, 20_000);
  }, 180_000);

  afterAll(async () => {
    await demo?.stop();
    await redis?.stop();
    await testEnv?.cleanup();
  }, 60_000);

  it('gives a client its rate limit once across both gateways, not once on each', async () => {
    const answers: number[] = [];
    // 60 requests in batches of 10, half straight to each gateway, within a few seconds.
    for (let batch = 0; batch < 6; batch++) {
      answers.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            post(gatewayUrl(i % 2 ? 'gateway1' : 'gateway2'), 'one-client', { query: LOAD_QUERY }).then((r) => r.status),
          ),
        )),
      );
    }
    const allowed = answers.filter((s) => s === 200).length;
    // The burst (30) plus one a second while the batches run; two separate budgets would let ~60 through.
    expect(allowed).toBeGreaterThanOrEqual(29);
    expect(allowed).toBeLessThanOrEqual(36);
    expect(answers.filter((s) => s === 429).length).toBe(60 - allowed);
    // Another client is not charged for it.
    expect((await post(gatewayUrl('gateway1'), 'another-client', { query: LOAD_QUERY })).status).toBe(200);
  });

  it('answers on gateway B a persisted query registered through gateway A', async () => {
    const query = `{ first${Date.now()}: educationCertificates(first: 1) { pageInfo { hasNextPage } } }`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const unknown = await post(gatewayUrl('gateway2'), 'apq-client', { extensions });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post(gatewayUrl('gateway1'), 'apq-client', { query, extensions });
    expect(registered.status).toBe(200);
    const onB = await post(gatewayUrl('gateway2'), 'apq-client', { extensions });
    expect(onB.body.errors).toBeUndefined();
    expect(onB.body.data).toEqual(registered.body.data);
    // A hash that does not match its text is refused, not stored for the other gateway.
    const forged = await post(gatewayUrl('gateway1'), 'apq-client', {
      query: '{ __typename }',
      extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update('x').digest('hex') } },
    });
    expect(forged.status).toBe(400);
  });

  it('loses no request when a gateway is killed under load; HAProxy marks it down and the other carries on', async () => {
    const results: { status: number; at: number; error?: string }[] = [];
    let killedAt = Infinity;
    let subject = 0;
    const until = Date.now() + 9000;
    // Eight clients in a loop; 400 subjects so that none reaches its own rate limit.
    const worker = async () => {
      while (Date.now() < until) {
        const who = `load-${subject++ % 400}`;
        try {
          const r = await post(demo.url, who, { query: LOAD_QUERY });
          results.push({ status: r.status, at: Date.now(), error: r.body.errors?.[0]?.message });
        } catch (error) {
          results.push({ status: 0, at: Date.now(), error: `${String(error)} ${String((error as { cause?: unknown }).cause ?? '')}` });
        }
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, worker));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const victim = demo.processes.get('gateway1')!.child;
    const exited = new Promise((resolve) => victim.once('exit', resolve));
    victim.kill('SIGKILL');
    killedAt = Date.now();
    await exited;
    await waitFor(
      'gateway1 DOWN in HAProxy',
      async () => (await servers()).some((s) => s.server === 'gateway1' && s.status.startsWith('DOWN')),
      // HAProxy's checks say so within a second or two; a loaded machine (CI on 2 cores) can take longer.
      15_000,
    );
    await load;

    const failed = results.filter((r) => r.status !== 200 || r.error);
    if (process.env.HUB_REPLICAS_REPORT)
      console.log(`requests ${results.length}, failed ${failed.length}, before kill ${results.filter((r) => r.at < killedAt).length}`);
    expect(failed).toEqual([]);
    const before = results.filter((r) => r.at < killedAt).length;
    const after = results.filter((r) => r.at > killedAt + 500).length;
    expect(before).toBeGreaterThan(20);
    expect(after).toBeGreaterThan(20);
    const states = await servers();
    expect(states.find((s) => s.server === 'gateway2')?.status).toBe('UP');
  }, 60_000);

  // After the gateway test: gateway 1 is gone, so every request goes through gateway 2 and HAProxy's county section.
  it('keeps counting every change once when the leading county replica is killed under load; the other takes over within 10 s', async () => {
    type Progress = { certificateHolders: { value: number }; byDepartment: { department: string; holders: number }[] };
    // Many subjects, so that none reaches its own rate limit (1 a second here).
    let subject = 0;
    const progress = async (url = demo.url) => {
      const r = await post(url, `county-reader-${subject++ % 400}`, { query: PROGRESS_QUERY });
      if (r.status !== 200 || r.body.errors) throw new Error(`countyProgress: HTTP ${r.status} ${JSON.stringify(r.body.errors)}`);
      return (r.body.data as { countyProgress: Progress }).countyProgress;
    };
    const leaderOf = async (name: string) => {
      const text = await (
        await fetch(`http://127.0.0.1:${demo.processes.get(name)!.port}/metrics`, { signal: AbortSignal.timeout(2000) })
      ).text();
      return /^hub_county_feed_leader(\{[^}]*\})? 1$/m.test(text);
    };
    const counties = ['county1', 'county2'];
    await waitFor(
      'one county replica leading',
      async () => (await Promise.all(counties.map(leaderOf))).filter(Boolean).length === 1,
      20_000,
    );
    const leader = (await leaderOf('county1')) ? 'county1' : 'county2';
    const survivor = counties.find((c) => c !== leader)!;
    const before = await progress();

    const reads: { ok: boolean; error?: string }[] = [];
    let recorded = 0;
    const writeFailures: string[] = [];
    const until = Date.now() + 12_000;
    const reader = async () => {
      while (Date.now() < until) {
        try {
          await progress();
          reads.push({ ok: true });
        } catch (error) {
          reads.push({ ok: false, error: String(error) });
        }
      }
    };
    // One clerk recording certificates of new persons the whole time: each adds exactly one holder.
    const clerk = async () => {
      for (let i = 0; Date.now() < until; i++) {
        const born = new Date(Date.UTC(1980, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
        const input = {
          idNumber: makeIdNumber('410928', born, 321),
          name: `副本${i}`,
          township: '城关镇',
          kind: 'SKILL_LEVEL',
          level: 'LEVEL_4',
          occupation: '中式烹调师',
          certificateNumber: `REPLICA-${i}`,
          issuingBody: '职教中心',
          issuedOn: '2026-01-15',
        };
        const r = await post(demo.url, `county-clerk-${i}`, { query: RECORD_CERTIFICATE, variables: { i: input } }).catch(
          (error: unknown) => ({ status: 0, body: { errors: [{ message: String(error) }] } }),
        );
        if (r.status === 200 && !r.body.errors) recorded++;
        else writeFailures.push(`${r.status} ${JSON.stringify(r.body.errors)}`);
      }
    };
    const load = Promise.all([reader(), reader(), reader(), clerk()]);
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const victim = demo.processes.get(leader)!.child;
    const exited = new Promise((resolve) => victim.once('exit', resolve));
    victim.kill('SIGKILL');
    const killedAt = Date.now();
    await exited;
    await waitFor(`${survivor} to take the feed lease`, () => leaderOf(survivor), 10_000);
    const takeoverMs = Date.now() - killedAt;
    await load;

    // Every recorded certificate reaches the figures once: the new leader pulls from where the old one stopped.
    const expected = before.certificateHolders.value + recorded;
    await waitFor(
      'the figures to include every recorded certificate',
      async () => (await progress()).certificateHolders.value >= expected,
      15_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = await progress(`http://127.0.0.1:${demo.processes.get('gateway2')!.port}/graphql`);
    const education = (p: Progress) => p.byDepartment.find((d) => d.department === 'EDUCATION')?.holders ?? 0;
    if (process.env.HUB_REPLICAS_REPORT)
      console.log(
        `county: reads ${reads.length}, failed ${reads.filter((r) => !r.ok).length}, recorded ${recorded}, takeover ${takeoverMs} ms`,
      );
    expect(writeFailures).toEqual([]);
    expect(reads.filter((r) => !r.ok)).toEqual([]);
    expect(reads.length).toBeGreaterThan(20);
    expect(recorded).toBeGreaterThan(5);
    expect(after.certificateHolders.value).toBe(expected);
    expect(education(after)).toBe(education(before) + recorded);
    expect(takeoverMs).toBeLessThan(10_000);
  }, 90_000);
});
