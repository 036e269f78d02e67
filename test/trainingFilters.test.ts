import { makeIdNumber } from '@hub/identity';
import type { Principal } from '@hub/auth';
import { hubSecretsFromEnv, mintToken } from '@hub/auth';
import { startHub, TestHub } from './fixtures/startHub';

type Res = { errors?: { message: string; extensions?: Record<string, unknown> }[]; data?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test payloads are ad hoc

const agricultureStaff: Principal = { subject: 'agri-clerk', role: 'DEPARTMENT_STAFF', department: 'AGRICULTURE' };
const LIST = `query($f: TrainingFilter) { agricultureTrainings(filter: $f, first: 50) { totalCount nodes { programme targetGroup directedKind } } }`;

let sequence = 300;
const people = new Map<string, object>();
/** The same person each time a name is used. */
const person = (name: string) =>
  people.get(name) ?? people.set(name, { idNumber: makeIdNumber('410928', '1988-08-08', sequence++), name, township: '梁庄镇' }).get(name)!;

describe('training lists and exports by target group and directed training', () => {
  let hub: TestHub;
  const ok = async (query: string, variables?: Record<string, unknown>) => {
    const res = (await hub.query(query, variables)) as Res;
    expect(res.errors).toBeUndefined();
    return res.data;
  };
  const record = (name: string, programme: string, targetGroup: string, extra: Record<string, unknown> = {}) =>
    ok('mutation($i: AgricultureTrainingInput!) { recordAgricultureTraining(input: $i) { id directedKind } }', {
      i: {
        ...person(name),
        programme,
        channel: 'SOCIAL_RURAL',
        targetGroup,
        provider: '农广校',
        startDate: '2026-04-01',
        outcome: 'COMPLETED',
        ...extra,
      },
    });

  beforeAll(async () => {
    hub = await startHub({ persons: 0 });
    await record('甲', '家政服务培训', 'WOMAN');
    await record('乙', '电商创业培训', 'RETURNEE', { directedKind: 'TARGETED' });
    await record('丙', '蔬菜基地订单班', 'RETURNEE', { directedKind: 'ORDER' });
    await record('丁', '订单农业讲座', 'FARMER');
  }, 120_000);

  afterAll(() => hub?.stop());

  it('lists the trainings of one target group, and the directed ones by their field (not their name)', async () => {
    const returnees = (await ok(LIST, { f: { targetGroup: 'RETURNEE' } })).agricultureTrainings;
    expect(returnees.totalCount).toBe(2);
    expect(returnees.nodes.map((n: { programme: string }) => n.programme).sort()).toEqual(['电商创业培训', '蔬菜基地订单班']);
    const directed = (await ok(LIST, { f: { directed: true } })).agricultureTrainings;
    expect(directed.nodes.map((n: { directedKind: string }) => n.directedKind).sort()).toEqual(['ORDER', 'TARGETED']);
    const others = (await ok(LIST, { f: { directed: false } })).agricultureTrainings;
    expect(others.nodes.map((n: { programme: string }) => n.programme).sort()).toEqual(['家政服务培训', '订单农业讲座']);
    expect((await ok(LIST, { f: { targetGroup: 'CORRECTIONS' } })).agricultureTrainings.totalCount).toBe(0);
  });

  it('keeps the directed mark when a correction leaves the field out, and clears it on an explicit null', async () => {
    const again = await record('乙', '电商创业培训', 'RETURNEE', { hours: 40 });
    expect(again.recordAgricultureTraining.directedKind).toBe('TARGETED');
    const cleared = await record('乙', '电商创业培训', 'RETURNEE', { directedKind: null });
    expect(cleared.recordAgricultureTraining.directedKind).toBeNull();
    await record('乙', '电商创业培训', 'RETURNEE', { directedKind: 'TARGETED' });
  });

  it('imports 订单/定向 and the new target groups from a sheet as a clerk writes them, and refuses what it cannot read', async () => {
    const base = hub.gatewayUrl.replace('/graphql', '');
    const token = await mintToken(agricultureStaff, hubSecretsFromEnv(hub.env, () => undefined).jwt);
    const row = (name: string, programme: string, group: string, directed: string) =>
      [
        name,
        (person(name) as { idNumber: string }).idNumber,
        '梁庄镇',
        programme,
        '社会',
        group,
        '农广校',
        '2026-05-01',
        '是',
        directed,
      ].join(',');
    const csv = [
      '姓名,身份证号,乡镇,培训项目,培训渠道,培训对象,培训机构,开始日期,是否结业,订单/定向',
      row('戊', '食品厂订单班', '两后生', '订单式'),
      row('己', '月嫂培训', '农村妇女', '否'),
      row('庚', '回归社会技能培训', '社区矫正对象', ''),
      row('辛', '电焊培训', '困难职工', '委托'),
    ].join('\n');
    const response = await fetch(`${base}/departments/agriculture/import?filename=roster.csv`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
      body: csv,
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { accepted: number; rejected: number; errors: { row: number; column: string }[] };
    expect(answer).toMatchObject({ accepted: 3, rejected: 1 });
    expect(answer.errors[0]).toMatchObject({ row: 5, column: '订单/定向' });
    const imported = (await ok(LIST, { f: { startFrom: '2026-05-01' } })).agricultureTrainings.nodes as {
      programme: string;
      targetGroup: string;
      directedKind: string | null;
    }[];
    expect(Object.fromEntries(imported.map((t) => [t.programme, [t.targetGroup, t.directedKind]]))).toEqual({
      食品厂订单班: ['SCHOOL_LEAVER', 'ORDER'],
      月嫂培训: ['WOMAN', null],
      回归社会技能培训: ['CORRECTIONS', null],
    });
  });

  it('exports one target group, written as a clerk writes it, and refuses one it cannot read', async () => {
    const base = hub.gatewayUrl.replace('/graphql', '');
    const token = await mintToken(agricultureStaff, hubSecretsFromEnv(hub.env, () => undefined).jwt);
    const get = (query: string) =>
      fetch(`${base}/departments/agriculture/export/trainings?format=csv&${query}`, { headers: { authorization: `Bearer ${token}` } });
    const women = await get(`targetGroup=${encodeURIComponent('妇女')}`);
    expect(women.status).toBe(200);
    const lines = (await women.text()).trim().split('\n');
    // 甲 recorded through GraphQL, 己 imported from the sheet above.
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('订单/定向');
    expect(lines.slice(1).every((line) => line.includes('女性'))).toBe(true);
    expect(lines.join('\n')).toContain('家政服务培训');
    const directed = (await (await get('directed=是')).text()).trim().split('\n');
    // 乙 (定向式), 丙 and 戊 (订单式).
    expect(directed).toHaveLength(4);
    expect(directed.filter((line) => line.includes('订单式培训'))).toHaveLength(2);
    expect((await get(`targetGroup=${encodeURIComponent('群众')}`)).status).toBe(400);
  });
});
