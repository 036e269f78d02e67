import fs from 'node:fs';
import path from 'node:path';
import { demoRecordsOf, demoDepartments, demoPerson } from '@hub/demo-data';
import { departmentSlug } from '@hub/vocabulary';
import { composeSupergraph } from '../scripts/lib/composeSupergraph';
import { subgraphList } from '../scripts/lib/subgraphList';
import { slugs, startHub, TestHub } from './fixtures/startHub';

const PERSONS = 300;
const personFields: Record<string, string> = {
  hrss: 'hrss { certificates { certificateNumber evaluationInstitution } trainings { programme enterprise apprenticeship } }',
  education: 'education { certificates { certificateNumber school } trainings { programme school major } }',
  agriculture: 'agriculture { certificates { certificateNumber } trainings { programme cooperative farm industry } }',
  veterans: 'veterans { certificates { certificateNumber dischargeYear } trainings { programme dischargeYear } }',
  'civil-affairs': 'civilAffairs { certificates { certificateNumber institution } trainings { programme institution } }',
  finance: 'finance { certificates { certificateNumber employer } trainings { programme employer } }',
};
const allDepartmentFields = Object.values(personFields).join('\n');

/** A demo person (among the seeded ones) with records in at least three departments. */
function personInThreeDepartments() {
  for (let index = 0; index < PERSONS; index++) {
    const departments = demoDepartments.filter((d) => {
      const records = demoRecordsOf(d, index);
      return records !== null && records.certificates.length + records.trainings.length > 0;
    });
    if (departments.length >= 3) return { person: demoPerson(index), departments };
  }
  throw new Error('demo data has nobody in three departments');
}

describe('the federated hub', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startHub({ persons: PERSONS });
    const sync = await hub.query('mutation { syncHolderIndex { department lastError } }');
    expect(sync.errors).toBeUndefined();
  }, 180_000);

  afterAll(() => hub?.stop());

  it('composes the committed supergraph from the six schema files', () => {
    const result = composeSupergraph(subgraphList({}));
    expect(result.ok).toBe(true);
    const committed = fs.readFileSync(path.join(__dirname, '..', 'gateway', 'supergraph.graphql'), 'utf8');
    expect(committed).toContain(result.ok ? result.supergraphSdl : 'composition failed');
  });

  it('finds one person by ID number with records from at least three departments in one query', async () => {
    const { person, departments } = personInThreeDepartments();
    // The number as a clerk might type it: spaces and a lower-case x are fine.
    const typed = `${person.idNumber.slice(0, 6)} ${person.idNumber.slice(6, 14)} ${person.idNumber.slice(14).toLowerCase()}`;
    const res = await hub.query(
      `query($id: String!) { person(idNumber: $id) { id name idNumberMasked departments ${allDepartmentFields} } }`,
      { id: typed },
    );
    expect(res.errors).toBeUndefined();
    const found = res.data.person;
    expect(found.name).toBe(person.name);
    expect(found.idNumberMasked).toBe(`${person.idNumber.slice(0, 6)}************`);
    expect(JSON.stringify(res)).not.toContain(person.idNumber);
    for (const department of departments) {
      const field = personFields[departmentSlug[department]].split(' ')[0];
      const records = found[field];
      expect(records.certificates.length + records.trainings.length).toBeGreaterThan(0);
      expect(found.departments).toContain(department);
    }
  });

  it('rejects an ID number with a wrong check character, naming the reason in Chinese', async () => {
    const res = await hub.query('{ person(idNumber: "410928199001010010") { id } }');
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.reason).toBe('ID_NUMBER_BAD_CHECK_CHARACTER');
    expect(res.errors?.[0].message).toMatch(/校验/);
  });

  it('returns null for a valid ID number that no department knows', async () => {
    const res = await hub.query('{ person(idNumber: "41092819900101001X") { id } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.person).toBeNull();
  });

  it('pages through people with masked ID numbers only', async () => {
    const first = await hub.query('{ people(first: 5) { totalCount pageInfo { hasNextPage endCursor } nodes { id idNumberMasked } } }');
    expect(first.errors).toBeUndefined();
    const page = first.data.people;
    expect(page.nodes).toHaveLength(5);
    expect(page.totalCount).toBeGreaterThan(100);
    for (const node of page.nodes) expect(node.idNumberMasked).toMatch(/^\d{6}\*{12}$/);
    const next = await hub.query(`{ people(first: 5, after: "${page.pageInfo.endCursor}") { nodes { id } } }`);
    const firstIds = page.nodes.map((n: { id: string }) => n.id);
    for (const node of next.data.people.nodes) expect(firstIds).not.toContain(node.id);
  });

  it('issues the same number of SQL statements for 100 people as for 10', async () => {
    const run = async (first: number) => {
      for (const slug of slugs) hub.counters[slug].count = 0;
      const res = await hub.query(`{ people(first: ${first}) { nodes { id name township { name } ${allDepartmentFields} } } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data.people.nodes).toHaveLength(first);
      return Object.fromEntries(slugs.map((s) => [s, hub.counters[s].count]));
    };
    const ten = await run(10);
    const hundred = await run(100);
    expect(hundred).toEqual(ten);
    expect(ten.education).toBeGreaterThan(0);
  });

  it('issues the same number of SQL statements for a department list of 100 rows as of 10', async () => {
    const run = async (first: number) => {
      hub.counters.hrss.count = 0;
      const res = await hub.query(
        `{ hrssCertificates(first: ${first}, filter: { issuedFrom: "2019-01-01" }) { totalCount nodes { certificateNumber occupation { name } person { id name } } } }`,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.hrssCertificates.nodes).toHaveLength(first);
      return hub.counters.hrss.count;
    };
    expect(await run(100)).toBe(await run(10));
  });

  it('counts a list’s total only when the query asks for it, and the same total either way', async () => {
    const run = async (fields: string) => {
      hub.counters.hrss.count = 0;
      const res = await hub.query(`{ hrssCertificates(first: 5, filter: { issuedFrom: "2019-01-01" }) { ${fields} } }`);
      expect(res.errors).toBeUndefined();
      return { statements: hub.counters.hrss.count, data: res.data.hrssCertificates };
    };
    const without = await run('nodes { certificateNumber }');
    const withTotal = await run('totalCount nodes { certificateNumber }');
    const twice = await run('totalCount again: totalCount nodes { certificateNumber }');
    expect(withTotal.statements).toBe(without.statements + 1);
    expect(twice.statements).toBe(withTotal.statements);
    expect(twice.data.again).toBe(withTotal.data.totalCount);
    expect(withTotal.data.totalCount).toBeGreaterThan(5);
    expect(withTotal.data.nodes).toEqual(without.data.nodes);
  });

  it.each(slugs)('%s resolves Person references in one batch', async (slug) => {
    const people = await hub.query('{ people(first: 30) { nodes { id } } }');
    const representations = people.data.people.nodes.map((n: { id: string }) => ({ __typename: 'Person', id: n.id }));
    const field = personFields[slug].split(' ')[0];
    hub.counters[slug].count = 0;
    const { body: res } = await hub.querySubgraph(
      slug,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id ${field} { certificates { id } trainings { id } } } } }`,
      { r: representations },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data._entities).toHaveLength(30);
    expect(res.data._entities.map((e: { id: string }) => e.id)).toEqual(representations.map((r: { id: string }) => r.id));
    // one statement for the certificates of all 30, one for their trainings (hrss adds its master lookup)
    expect(hub.counters[slug].count).toBeLessThanOrEqual(slug === 'hrss' ? 3 : 2);
  });

  it('records a certificate through the gateway and refuses a bad one without writing anything', async () => {
    const input = {
      idNumber: '４１０９２８１９８５１２３１００２８', // full-width digits, as typed with a Chinese IME
      name: '测试人员',
      township: '濮阳县王称固镇',
      kind: 'SKILL_LEVEL',
      occupation: '焊工',
      level: 'LEVEL_4',
      certificateNumber: 'S000041000001244000123',
      issuingBody: '濮阳县职业技能鉴定中心',
      issuedOn: '2024-05-01',
    };
    const ok = await hub.query(
      'mutation($input: VeteransCertificateInput!) { recordVeteransCertificate(input: $input) { id certificateNumber occupation { code } person { id name township { code name } } } }',
      { input },
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data.recordVeteransCertificate.occupation.code).toBe('6-18-02-04');
    const before = await hub.query('{ veteransCertificates { totalCount } }');
    const bad = await hub.query('mutation($input: VeteransCertificateInput!) { recordVeteransCertificate(input: $input) { id } }', {
      input: { ...input, certificateNumber: 'S000041000001244000124', township: '新习镇' },
    });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_TOWNSHIP', field: 'input.township' });
    const levelMissing = await hub.query(
      'mutation($input: VeteransCertificateInput!) { recordVeteransCertificate(input: $input) { id } }',
      { input: { ...input, certificateNumber: 'S000041000001244000125', level: null } },
    );
    expect(levelMissing.errors?.[0].extensions).toMatchObject({ reason: 'LEVEL_REQUIRED', field: 'input.level' });
    const after = await hub.query('{ veteransCertificates { totalCount } }');
    expect(after.data.veteransCertificates.totalCount).toBe(before.data.veteransCertificates.totalCount);
  });

  it('answers /health on every service', async () => {
    for (const slug of slugs) {
      const res = await fetch(hub.urls[slug].replace('/graphql', '/health'));
      expect(res.status).toBe(200);
    }
    const gateway = await fetch(hub.gatewayUrl.replace('/graphql', '/health'));
    expect(gateway.status).toBe(200);
  });
});
