import type { Principal } from '@hub/auth';
import { hubSecretsFromEnv, mintToken } from '@hub/auth';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeXlsxBomb } from '@hub/intake/src/testing/writeXlsxBomb';
import { startHub, TestHub } from './fixtures/startHub';

const educationStaff: Principal = { subject: 'clerk', role: 'DEPARTMENT_STAFF', department: 'EDUCATION' };
const hrssStaff: Principal = { subject: 'hr-clerk', role: 'DEPARTMENT_STAFF', department: 'HRSS' };
const dashboard: Principal = { subject: 'screen', role: 'DASHBOARD' };
const analyst: Principal = { subject: 'analyst-li', role: 'ANALYST' };

const CSV = [
  '姓名,身份证号,乡镇,职业(工种),证书类别,等级,证书编号,发证机构,发证日期',
  '张三,410928198512310028,柳屯镇,焊工,职业技能等级证书,四级,HTTP-1,职教中心,2024-05-01',
  '李四,41092819900101001x,城关,电工,职业技能等级证书,五级/初级工,HTTP-2,职教中心,2024年6月1日',
  '王五,410928199001010010,城关镇,电工,职业技能等级证书,五级,HTTP-3,职教中心,2024-06-01',
].join('\n');

describe('spreadsheets through the gateway', () => {
  let hub: TestHub;
  let base: string;
  const token = async (who: Principal) => mintToken(who, hubSecretsFromEnv(hub.env, () => undefined).jwt);

  beforeAll(async () => {
    hub = await startHub({});
    base = hub.gatewayUrl.replace('/graphql', '');
  }, 120_000);

  afterAll(() => hub?.stop());

  const upload = async (who: Principal | null, dryRun = false) =>
    fetch(`${base}/departments/education/import?filename=roster.csv${dryRun ? '&dryRun=1' : ''}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...(who ? { authorization: `Bearer ${await token(who)}` } : {}) },
      body: CSV,
    });

  it('imports a department’s own file, reports the bad row, and a second import changes nothing', async () => {
    const dry = await upload(educationStaff, true);
    expect(dry.status).toBe(200);
    expect((await hub.query('{ educationCertificates { totalCount } }')).data.educationCertificates.totalCount).toBe(0);
    const first = await upload(educationStaff);
    expect(first.status).toBe(200);
    const report = (await first.json()) as {
      accepted: number;
      rejected: number;
      errors: { row: number; column: string; reason: string }[];
    };
    expect(report.accepted).toBe(2);
    expect(report.rejected).toBe(1);
    expect(report.errors[0]).toMatchObject({ row: 4, column: '身份证号' });
    expect(report.errors[0].reason).toMatch(/校验/);
    expect((await hub.query('{ educationCertificates { totalCount } }')).data.educationCertificates.totalCount).toBe(2);
    const again = (await (await upload(educationStaff)).json()) as { created: number; unchanged: number };
    expect(again).toMatchObject({ created: 0, unchanged: 2 });
  });

  it('refuses an import by another department’s staff or without a token, and an export to a dashboard or an analyst', async () => {
    expect((await upload(hrssStaff)).status).toBe(403);
    expect((await upload(null)).status).toBe(401);
    for (const who of [dashboard, analyst]) {
      for (const list of ['certificates', 'trainings']) {
        const exported = await fetch(`${base}/departments/education/export/${list}?format=csv`, {
          headers: { authorization: `Bearer ${await token(who)}` },
        });
        expect(exported.status).toBe(403);
      }
    }
    // An analyst's refusal names the role, in Chinese.
    const refused = await fetch(`${base}/departments/hrss/export/certificates?format=csv&township=${encodeURIComponent('城关镇')}`, {
      headers: { authorization: `Bearer ${await token(analyst)}` },
    });
    expect(((await refused.json()) as { error: string }).error).toContain('数据分析人员无权导出个人记录');
  });

  it('serves the template and a streamed export with masked ID numbers', async () => {
    const template = await fetch(`${base}/departments/education/import/template?kind=certificates&format=csv`, {
      headers: { authorization: `Bearer ${await token(hrssStaff)}` },
    });
    expect(template.status).toBe(200);
    expect(await template.text()).toContain('身份证号');
    const exported = await fetch(`${base}/departments/education/export/certificates?format=csv`, {
      headers: { authorization: `Bearer ${await token(educationStaff)}` },
    });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''/);
    const text = await exported.text();
    expect(text).toContain('HTTP-1');
    expect(text).toContain('410928************');
    expect(text).not.toContain('410928198512310028');
  });

  it('refuses a zip bomb sent with dryRun=1 (422 TOO_LARGE, in Chinese), and shows how each coded value was read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-bomb-'));
    try {
      const file = path.join(dir, 'bomb.xlsx');
      await writeXlsxBomb(file, { cellChars: 256 * 1024 * 1024 });
      const response = await fetch(`${base}/departments/education/import?filename=bomb.xlsx&dryRun=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${await token(educationStaff)}` },
        body: fs.readFileSync(file),
      });
      expect(response.status).toBe(422);
      expect(await response.json()).toEqual({ code: 'TOO_LARGE', error: expect.stringContaining('解压后') });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const dry = (await (await upload(educationStaff, true)).json()) as {
      readings: { column: string; values: { written: string; readAs: string; rows: number }[] }[];
    };
    const township = dry.readings.find((c) => c.column === '乡镇')!;
    expect(township.values).toEqual(
      expect.arrayContaining([expect.objectContaining({ written: '城关', readAs: '城关镇（410928100）', rows: 1 })]),
    );
  }, 60_000);
});
