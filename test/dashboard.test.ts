import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, BrowserContext, Page } from 'playwright-core';
import type { Principal } from '@hub/auth';
import { departments as allDepartments } from '@hub/vocabulary';
import { loadExampleOperations } from '@hub/gateway/src/web/exampleOperations';
import { startHub, TestHub } from './fixtures/startHub';
import { systemPackage } from './fixtures/systemPackage';

/** Debian's Chromium; CI installs it (apt-get install -y chromium fonts-noto-cjk). */
const CHROMIUM = process.env.HUB_CHROMIUM || '/usr/bin/chromium';
const chromiumPresent = systemPackage(CHROMIUM, ['chromium', 'fonts-noto-cjk']);
if (!chromiumPresent.run) console.warn(`test/dashboard.test.ts: ${chromiumPresent.notice}`);
const AS_OF = '2025-06-30';
const OTHER_AS_OF = '2023-12-31';
const artifacts = path.join(__dirname, '..', 'tmp');
const dashboardRole: Principal = { subject: 'dashboard-test', role: 'DASHBOARD' };
const headlineKeys = ['certificateHolders', 'skilledTalents', 'midHighSkilledTalents', 'trainingPersonTimes', 'newlyCertified'];

const PROGRESS = `query($asOf: Date) { countyProgress(asOf: $asOf) { asOf
  ${headlineKeys.map((k) => `${k} { key label value target ratio }`).join('\n  ')}
  byDepartment { department label holders overlap exclusive }
  byTownship { key label holders suppressed }
  byMonth { month }
  completeness { department } } }`;

interface Figure {
  key: string;
  label: string;
  value: number;
  target: number | null;
  ratio: number | null;
}

(chromiumPresent.run ? describe : describe.skip)('the county progress dashboard in Chromium', () => {
  let hub: TestHub;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const consoleErrors: string[] = [];
  const external: string[] = [];
  const graphqlRequests: { query?: string; extensions?: { persistedQuery?: { sha256Hash: string } } }[] = [];

  /** What the graph says for a date, asked with a dashboard token like the page's. */
  async function progress(asOf: string) {
    const res = await hub.queryAs(dashboardRole, PROGRESS, { asOf });
    expect(res.body.errors).toBeUndefined();
    return res.body.data.countyProgress;
  }

  async function openDashboard(asOf: string) {
    await page.goto(`${base}/dashboard?asOf=${asOf}`);
    await page.waitForSelector(`body[data-state="ready"][data-as-of="${asOf}"]`, { timeout: 20_000 });
  }

  beforeAll(async () => {
    hub = await startHub({ persons: 300 });
    const synced = await hub.query('mutation { syncHolderIndex { department } }');
    expect(synced.errors).toBeUndefined();
    base = hub.gatewayUrl.replace(/\/graphql$/, '');

    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    // Everything must come from the gateway: any other host is recorded and refused.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === base) return route.continue();
      external.push(url.href);
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
    page.on('request', (request) => {
      if (request.url() === `${base}/graphql` && request.method() === 'POST') graphqlRequests.push(JSON.parse(request.postData() ?? '{}'));
    });
    await openDashboard(AS_OF);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
    await hub?.stop();
  });

  it('shows the five headline goals with the values, targets and ratios the graph returns for the same date', async () => {
    const graph = await progress(AS_OF);
    for (const key of headlineKeys) {
      const figure: Figure = graph[key];
      const card = page.locator(`.goal[data-key="${key}"]`);
      expect(await card.getAttribute('data-value')).toBe(String(figure.value));
      expect(await card.getAttribute('data-target')).toBe(String(figure.target));
      expect((await card.locator('[data-field="value"]').innerText()).replace(/,/g, '')).toBe(String(figure.value));
      expect((await card.locator('[data-field="target"]').innerText()).replace(/,/g, '')).toBe(String(figure.target));
      expect(await card.locator('[data-field="ratio"]').innerText()).toBe(`完成 ${(figure.ratio! * 100).toFixed(1)}%`);
      expect(await card.locator('h3').innerText()).toBe(figure.label);
    }
    expect(graph.certificateHolders.target).toBe(300000);
    expect(graph.certificateHolders.value).toBeGreaterThan(0);
  });

  it('shows each department’s holders with their overlap with other departments', async () => {
    const graph = await progress(AS_OF);
    const rows = page.locator('#departmentTable tbody tr');
    expect(await rows.count()).toBe(graph.byDepartment.length);
    for (const d of graph.byDepartment) {
      const row = page.locator(`#departmentTable tr[data-department="${d.department}"]`);
      for (const field of ['holders', 'overlap', 'exclusive'] as const) {
        expect([d.department, field, (await row.locator(`[data-field="${field}"]`).innerText()).replace(/,/g, '')]).toEqual([
          d.department,
          field,
          String(d[field]),
        ]);
      }
    }
    expect(graph.byDepartment.some((d: { overlap: number }) => d.overlap > 0)).toBe(true);
    expect(await page.locator('#departmentChart svg rect').count()).toBe(graph.byDepartment.length * 2);
    expect(await page.locator('#departmentNote').innerText()).toContain(graph.certificateHolders.value.toLocaleString('zh-CN'));
  });

  it('shows how fresh each department’s data is', async () => {
    const graph = await progress(AS_OF);
    const departments = await page
      .locator('#freshnessTable tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-department')));
    expect(departments).toHaveLength(allDepartments.length);
    expect(new Set(departments)).toEqual(new Set(graph.completeness.map((c: { department: string }) => c.department)));
    expect(await page.locator('#freshnessTable .dot.ok').count()).toBe(allDepartments.length);
  });

  it('lists every township with its published count (cell-key perturbed, never 1–4), and charts every month', async () => {
    const graph = await progress(AS_OF);
    expect(await page.locator('#townshipTable tbody tr').count()).toBe(graph.byTownship.length);
    for (const t of graph.byTownship as { key: string; holders: number | null; suppressed: boolean }[]) {
      const cell = page.locator(`#townshipTable tr[data-township="${t.key}"] [data-field="holders"]`);
      expect(t.suppressed).toBe(false);
      expect(t.holders === 0 || t.holders! >= 5).toBe(true);
      expect((await cell.innerText()).replace(/,/g, '')).toBe(String(t.holders));
    }
    expect(await page.locator('#monthChart svg .hover-band').count()).toBe(graph.byMonth.length);
  });

  it('sends its query as an automatic persisted query: the hash alone first, the text only when the gateway asks', async () => {
    const [first, second] = graphqlRequests;
    expect(first.extensions?.persistedQuery?.sha256Hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.query).toBeUndefined();
    expect(second.query).toContain('DashboardCountyProgress');
    graphqlRequests.length = 0;
    await page.reload();
    await page.waitForSelector(`body[data-state="ready"][data-as-of="${AS_OF}"]`);
    expect(graphqlRequests).toHaveLength(1);
    expect(graphqlRequests[0].query).toBeUndefined();
  });

  it('shows the figures of another as-of date when one is picked', async () => {
    const graph = await progress(OTHER_AS_OF);
    await page.fill('#asOf', OTHER_AS_OF);
    await page.waitForSelector(`body[data-state="ready"][data-as-of="${OTHER_AS_OF}"]`);
    expect(await page.locator('.goal[data-key="certificateHolders"]').getAttribute('data-value')).toBe(
      String(graph.certificateHolders.value),
    );
    expect(new URL(page.url()).searchParams.get('asOf')).toBe(OTHER_AS_OF);
    expect(graph.certificateHolders.value).not.toBe((await progress(AS_OF)).certificateHolders.value);
  });

  it('shows a date within a month as of the last completed month end, and says so', async () => {
    await page.goto(`${base}/dashboard?asOf=2025-06-15`);
    await page.waitForSelector('body[data-state="ready"][data-as-of="2025-05-31"]', { timeout: 20_000 });
    expect(await page.locator('#period').innerText()).toContain('统计日期 2025-05-31（所选 2025-06-15');
    const graph = await progress('2025-06-15');
    expect(graph.asOf).toBe('2025-05-31');
    expect(await page.locator('.goal[data-key="certificateHolders"]').getAttribute('data-value')).toBe(
      String(graph.certificateHolders.value),
    );
  });

  it('fits a 1920×1080 screen and a laptop (screenshots in tmp/)', async () => {
    await openDashboard(AS_OF);
    fs.mkdirSync(artifacts, { recursive: true });
    const bigScreen = path.join(artifacts, 'dashboard.png');
    await page.screenshot({ path: bigScreen });
    // The big screen shows everything without scrolling.
    expect(await page.evaluate<number>('document.documentElement.scrollHeight')).toBeLessThanOrEqual(1080);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(300);
    const laptop = path.join(artifacts, 'dashboard-laptop.png');
    await page.screenshot({ path: laptop, fullPage: true });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1366);
    await page.setViewportSize({ width: 1920, height: 1080 });
    console.log(`dashboard screenshots: ${bigScreen} ${laptop}`);
  });

  it('offers the example operations in the development IDE and runs one with a development token', async () => {
    const examples = loadExampleOperations();
    await page.goto(`${base}/ide`);
    await page.waitForSelector('[data-example]', { timeout: 20_000 });
    expect(await page.locator('[data-example]').count()).toBe(examples.length);
    await page.click('[data-example="dashboard/countyProgress.graphql"]');
    await page.waitForSelector('text=已切换为看板开发令牌');
    await page.click('.graphiql-execute-button');
    await page.waitForSelector('.result-window >> text=certificateHolders', { timeout: 20_000 });
    expect(await page.locator('.result-window').innerText()).toContain('"target": 300000');
    await page.screenshot({ path: path.join(artifacts, 'ide.png') });
  });

  it('loaded every page with no console error and no request leaving the gateway', () => {
    expect(consoleErrors).toEqual([]);
    expect(external).toEqual([]);
  });
});
