import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { countsOn, departmentFromSlug, isHighSkilled, isMidHigh, isSkilled } from '@hub/vocabulary';
import { corpusPersons, CorpusFile, MeantCertificate, writeClerkCorpus } from './fixtures/clerkCorpus';
import { slugs, startHub, TestHub } from './fixtures/startHub';

const root = path.resolve(__dirname, '..');

/** `npm run import` for one department and its files: node with tsx's loader, as the npm script runs it (tsx), in one process. */
function runImport(
  env: NodeJS.ProcessEnv,
  slug: string,
  files: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const args = ['--import', 'tsx', path.join(root, 'scripts/import.ts'), '--department', slug, ...files.flatMap((f) => ['--file', f])];
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** The CLI's lines for one file: from its heading to the next file's. */
function sectionOf(stdout: string, file: string): string {
  const start = stdout.indexOf(`：${path.basename(file)}（`);
  const next = stdout.indexOf('：', stdout.indexOf('报告 report:', start));
  return stdout.slice(start, next < 0 ? undefined : next);
}

describe('a clerk corpus of six departments through `npm run import` counts exactly', () => {
  let hub: TestHub;
  let dir: string;
  let files: CorpusFile[];
  const outputs = new Map<string, string>();

  beforeAll(async () => {
    hub = await startHub({ persons: 0 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-corpus-'));
    files = await writeClerkCorpus(dir, corpusPersons(70));
    // One process per department, two at a time (CI has two cores).
    const queue = [...slugs];
    const worker = async () => {
      for (let slug = queue.shift(); slug; slug = queue.shift()) {
        const own = files.filter((f) => f.slug === slug).map((f) => f.file);
        const run = await runImport(hub.env, slug, own);
        if (run.code !== 0) throw new Error(`import ${slug} exited ${run.code}: ${run.stderr}\n${run.stdout}`);
        outputs.set(slug, run.stdout);
      }
    };
    await Promise.all([worker(), worker()]);
    const synced = await hub.query('mutation { syncHolderIndex { department lastError } }');
    expect(synced.errors).toBeUndefined();
  }, 180_000);

  afterAll(async () => {
    await hub?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has at least 12 files: certificates and trainings of every department, as xlsx, UTF-8 CSV (BOM) and GB18030 CSV', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(new Set(files.map((f) => f.slug))).toEqual(new Set(slugs));
    const shapes = new Set(files.map((f) => `${f.kind}:${path.extname(f.file)}`));
    expect(shapes).toEqual(new Set(['certificates:.xlsx', 'certificates:.csv', 'trainings:.xlsx', 'trainings:.csv']));
    const csv = files.filter((f) => f.file.endsWith('.csv')).map((f) => fs.readFileSync(f.file));
    expect(csv.some((b) => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)).toBe(true);
    expect(csv.some((b) => b[0] !== 0xef && !b.includes(Buffer.from('姓名')))).toBe(true);
  });

  it('refuses only the rows that carry no readable value (ID numbers Excel has damaged), each with its reason', () => {
    for (const file of files) {
      const section = sectionOf(outputs.get(file.slug)!, file.file);
      const meant = file.kind === 'certificates' ? file.certificates.length : file.trainings.length;
      expect([path.basename(file.file), /接受 accepted (\d+)，拒绝 rejected (\d+)/.exec(section)?.slice(1).map(Number)]).toEqual([
        path.basename(file.file),
        [meant, file.unreadable.length],
      ]);
      for (const { row, reason } of file.unreadable) {
        const line = section.split('\n').find((l) => l.includes(`第 ${row} 行 row ${row} `));
        expect([row, line]).toEqual([row, expect.stringMatching(reason)]);
      }
    }
  });

  it('shows how the short channel writings were read', () => {
    const all = [...outputs.values()].join('\n');
    expect(all).toMatch(/企业职工培训 → 企业职工全员培训，\d+ 行（常见写法）/);
    expect(all).toMatch(/农村实用技术培训 → 社会培训机构及新型职业农民培训，\d+ 行（常见写法）/);
    expect(outputs.get('education')!).toMatch(/学校培训 → 学校技能培训及机关事业单位干部职工培训，\d+ 行（常见写法）/);
    // A month without its day is accepted and shown as a loose reading.
    expect(all).toMatch(/20\d\d(\.\d\d|年\d+月) → 20\d\d-\d\d-01，1 行（近似读取，请核对）/);
  });

  it('stores every training with the channel it meant', async () => {
    for (const file of files.filter((f) => f.kind === 'trainings')) {
      const { repo, identity } = hub.subgraphs[file.slug];
      const stored = (await repo.listTrainings({}, { first: 1000 })).rows.map(
        (t: { personId: string; programme: string; startDate: string; channel: string; targetGroup: string; outcome: string }) =>
          [t.personId, t.programme, t.startDate, t.channel, t.targetGroup, t.outcome].join('|'),
      );
      const meant = file.trainings.map((t) =>
        [identity.personIdOf(t.person.id), t.programme, t.startDate, t.channel, t.targetGroup, t.outcome].join('|'),
      );
      expect(stored.sort()).toEqual(meant.sort());
    }
  });

  it('countyProgress equals a brute-force count of what the rows mean', async () => {
    const res = await hub.query(`{ countyProgress {
      asOf periodFrom periodTo
      certificateHolders { value } skilledTalents { value } midHighSkilledTalents { value } highSkilledTalents { value } trainingPersonTimes { value }
      byDepartment { department holders }
      byTownship { key holders }
    } }`);
    expect(res.errors).toBeUndefined();
    const progress = res.data.countyProgress;
    const asOf: string = progress.asOf;

    const counting: (MeantCertificate & { department: string })[] = files.flatMap((f) =>
      f.certificates.filter((c) => countsOn(c, asOf)).map((c) => ({ ...c, department: departmentFromSlug(f.slug)! })),
    );
    const distinct = (list: typeof counting) => new Set(list.map((c) => c.person.id)).size;
    expect(counting.length).toBeGreaterThan(80);
    expect(counting.length).toBeLessThan(files.reduce((n, f) => n + f.certificates.length, 0));

    expect({
      certificateHolders: progress.certificateHolders.value,
      skilledTalents: progress.skilledTalents.value,
      midHighSkilledTalents: progress.midHighSkilledTalents.value,
      highSkilledTalents: progress.highSkilledTalents.value,
    }).toEqual({
      certificateHolders: distinct(counting),
      skilledTalents: distinct(counting.filter((c) => isSkilled(c.kind))),
      midHighSkilledTalents: distinct(counting.filter((c) => isMidHigh(c.kind, c.level))),
      highSkilledTalents: distinct(counting.filter((c) => isHighSkilled(c.kind, c.level))),
    });

    const byDepartment = Object.fromEntries(
      progress.byDepartment.map((d: { department: string; holders: number }) => [d.department, d.holders]),
    );
    const meantByDepartment = Object.fromEntries(
      slugs.map((s) => departmentFromSlug(s)!).map((d) => [d, distinct(counting.filter((c) => c.department === d))]),
    );
    expect(byDepartment).toEqual(meantByDepartment);

    const byTownship = Object.fromEntries(
      progress.byTownship
        .filter((t: { holders: number }) => t.holders > 0)
        .map((t: { key: string; holders: number }) => [t.key, t.holders]),
    );
    const meantByTownship: Record<string, number> = {};
    for (const code of new Set(counting.map((c) => c.person.townshipCode)))
      meantByTownship[code] = distinct(counting.filter((c) => c.person.townshipCode === code));
    expect(byTownship).toEqual(meantByTownship);

    const trainings = files
      .flatMap((f) => f.trainings)
      .filter(
        (t) => t.outcome !== 'DROPPED' && t.startDate >= progress.periodFrom && t.startDate <= asOf && t.startDate <= progress.periodTo,
      );
    expect(progress.trainingPersonTimes.value).toBe(trainings.length);
  });
});
