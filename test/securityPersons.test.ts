import { randomBytes } from 'node:crypto';
import type { Principal } from '@hub/auth';
import { checkCharacter, idNumberCandidates, makeIdNumber, MIN_ID_CANDIDATES, parseIdNumber, publicBirthYear } from '@hub/identity';
import { IdCipher, idKeyRingFromEnv } from '@hub/identity';
import { IdentityService, insertRows, MaskIdNumberAddressOnly1764979200000, rotateSealedIdNumbers } from '@hub/subgraph-kit';
import { personMaster, personSeen } from '@hub/subgraph-county/src/entities/indexTables';
import { HolderIndex1764115200001 } from '@hub/subgraph-hrss/src/migrations/1764115200001-HolderIndex';
import { IndexBirthYear1764979200001 } from '@hub/subgraph-hrss/src/migrations/1764979200001-IndexBirthYear';
import { startHub, TestHub } from './fixtures/startHub';

const key = () => randomBytes(32).toString('hex');
const secrets = { HUB_PERSON_KEY: key(), HUB_ID_ENCRYPTION_KEY: key(), HUB_JWT_SECRET: key(), HUB_SUBGRAPH_SIGNING_KEY: key() };

const FULL_ID = /\d{17}[\dX]/;
const MASK = /^\d{6}\*{12}$/;
const analyst: Principal = { subject: 'analyst-li', role: 'ANALYST' };
const educationStaff: Principal = { subject: 'clerk-wang', role: 'DEPARTMENT_STAFF', department: 'EDUCATION' };
const veteransStaff: Principal = { subject: 'clerk-zhou', role: 'DEPARTMENT_STAFF', department: 'VETERANS' };
const service: Principal = { subject: 'hrss-holder-index', role: 'SERVICE' };

/** Held by education only (dates and sequences the demo data does not use). */
const EDU_ID = makeIdNumber('410928', '1985-12-31', 987);
/** Held by education and the veterans' office. */
const SHARED_ID = makeIdNumber('410928', '1978-11-28', 975);
/** Held by the veterans' office and civil affairs only. */
const VET_ID = makeIdNumber('410928', '1962-04-23', 964);

interface SeenPerson {
  idNumberMasked: string | null;
  birthYear: number | null;
  sex: 'MALE' | 'FEMALE' | null;
}

/** Every valid number agreeing with what was seen, found by trying each date of the year and each sequence. */
function enumerateCandidates(seen: SeenPerson): string[] {
  const out: string[] = [];
  if (!seen.idNumberMasked || seen.birthYear === null) return out;
  const address = seen.idNumberMasked.slice(0, 6);
  for (let t = Date.UTC(seen.birthYear, 0, 1); new Date(t).getUTCFullYear() === seen.birthYear; t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10).replace(/-/g, '');
    for (let seq = 0; seq < 1000; seq++) {
      const body = `${address}${date}${String(seq).padStart(3, '0')}`;
      const candidate = body + checkCharacter(body);
      const parsed = parseIdNumber(candidate);
      if ((seen.sex === null || parsed.sex === seen.sex) && publicBirthYear(parsed.birthDate) === seen.birthYear) out.push(candidate);
    }
  }
  return out;
}

/** The most any answer's person fields narrow a number to: the fewest candidates over every person in it. */
function fewestCandidates(people: SeenPerson[]): number {
  return Math.min(
    ...people.map((p) => {
      expect(p.idNumberMasked).toMatch(MASK);
      return idNumberCandidates({ addressCode: p.idNumberMasked!.slice(0, 6), birthYear: p.birthYear, sex: p.sex });
    }),
  );
}

describe('person-level data: what each role sees, whom department staff see, and lookups by ID number', () => {
  let hub: TestHub;
  const record = async (mutation: string, input: Record<string, unknown>) => {
    const res = await hub.query(
      `mutation($i: ${mutation[0].toUpperCase()}${mutation.slice(1)}Input!) { record${mutation[0].toUpperCase()}${mutation.slice(1)}(input: $i) { id } }`,
      { i: input },
    );
    expect(res.errors).toBeUndefined();
  };
  const cert = (idNumber: string, name: string, certificateNumber: string) => ({
    idNumber,
    name,
    township: '城关镇',
    kind: 'SPECIAL_ABILITY',
    certificateNumber,
    issuingBody: '评价机构',
    issuedOn: '2024-06-01',
  });
  const sync = () => hub.query('mutation { syncHolderIndex { department } }');
  const personIdOf = (idNumber: string) => hub.subgraphs.hrss.identity.personIdOf(idNumber);

  beforeAll(async () => {
    hub = await startHub({ persons: 120, env: secrets });
    await record('educationCertificate', cert(EDU_ID, '王小丽', 'SP-EDU-1'));
    await record('educationCertificate', cert(SHARED_ID, '梁晨', 'SP-EDU-2'));
    await record('veteransCertificate', cert(SHARED_ID, '梁晨', 'SP-VET-1'));
    await record('veteransCertificate', cert(VET_ID, '魏霞', 'SP-VET-2'));
    await record('civilAffairsCertificate', cert(VET_ID, '魏霞', 'SP-CA-1'));
    await sync();
  }, 180_000);

  afterAll(async () => {
    await hub?.stop();
  });

  describe('the ID number cannot be rebuilt without the reveal right', () => {
    const PEOPLE = '{ people(first: 100) { nodes { idNumberMasked birthDate birthYear sex name township { code } } } }';

    it.each([['education staff', educationStaff]])(
      '%s get the address-only mask and the birth year from people, never the date',
      async (_label, who) => {
        const res = await hub.queryAs(who, PEOPLE);
        expect(res.body.errors).toBeUndefined();
        const nodes: (SeenPerson & { birthDate: string | null })[] = res.body.data.people.nodes;
        expect(nodes.length).toBeGreaterThan(0);
        for (const node of nodes) expect(node.birthDate).toBeNull();
        expect(fewestCandidates(nodes)).toBeGreaterThanOrEqual(MIN_ID_CANDIDATES);
        expect(JSON.stringify(res.body)).not.toMatch(FULL_ID);
      },
    );

    it('leaves education staff at least 1,000 candidates from their own department’s person type as well', async () => {
      const res = await hub.queryAs(
        educationStaff,
        '{ educationCertificates(first: 100) { nodes { person { idNumberMasked birthDate birthYear sex education { person { name idNumberMasked birthDate birthYear sex township { code } } } } } } }',
      );
      expect(res.body.errors).toBeUndefined();
      const nodes = res.body.data.educationCertificates.nodes;
      const own: (SeenPerson & { birthDate: string | null })[] = nodes.map(
        (n: { person: { education: { person: SeenPerson } } }) => n.person.education.person,
      );
      for (const seen of [...own, ...nodes.map((n: { person: SeenPerson }) => n.person)]) expect(seen.birthDate).toBeNull();
      expect(fewestCandidates(own)).toBeGreaterThanOrEqual(MIN_ID_CANDIDATES);
      expect(JSON.stringify(res.body)).not.toMatch(FULL_ID);
    });

    it.each([['education staff', educationStaff]])(
      'enumerates, from all %s sees of a person on every subgraph, a candidate list of at least 1,000 that holds the real number',
      async (_label, who) => {
        const r = [{ __typename: 'Person', id: personIdOf(EDU_ID) }];
        const master = await hub.querySubgraph(
          'county',
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumberMasked birthYear birthDate sex name township { code } } } }',
          { r },
          who,
        );
        const own = await hub.querySubgraph(
          'education',
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { education { person { idNumberMasked birthYear birthDate sex name township { code } } } } } }',
          { r },
          who,
        );
        const views = [master.body.data._entities[0], own.body.data._entities[0].education.person];
        // Whatever is seen anywhere: the most specific value of each field across the views.
        for (const view of views) expect(view.birthDate).toBeNull();
        const seen: SeenPerson = {
          idNumberMasked: views.map((v) => v.idNumberMasked).find(Boolean) ?? null,
          birthYear: views.map((v) => v.birthYear).find((y) => y !== null) ?? null,
          sex: views.map((v) => v.sex).find(Boolean) ?? null,
        };
        const candidates = enumerateCandidates(seen);
        expect(candidates).toContain(EDU_ID);
        expect(candidates.length).toBeGreaterThanOrEqual(MIN_ID_CANDIDATES);
      },
      60_000,
    );

    it.each([['education staff', educationStaff]])(
      'gives %s no birth date directly from the subgraphs either (signed identity, _entities)',
      async (_label, who) => {
        const representations = [{ __typename: 'Person', id: personIdOf(EDU_ID) }];
        const master = await hub.querySubgraph(
          'county',
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumberMasked birthDate birthYear } } }',
          { r: representations },
          who,
        );
        expect(master.body.data._entities[0]).toEqual({ idNumberMasked: '410928************', birthDate: null, birthYear: 1985 });
        const own = await hub.querySubgraph(
          'education',
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { education { person { idNumberMasked birthDate birthYear } } } } }',
          { r: representations },
          who,
        );
        expect(own.body.errors).toBeUndefined();
        expect(own.body.data._entities[0].education.person).toEqual({
          idNumberMasked: '410928************',
          birthDate: null,
          birthYear: 1985,
        });
      },
    );

    it('shows the county administrator the department’s birth date', async () => {
      const res = await hub.query(
        `{ person(idNumber: "${EDU_ID}", purpose: "核对出生日期") { birthYear education { person { birthDate birthYear } } } }`,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.person).toEqual({ birthYear: 1985, education: { person: { birthDate: '1985-12-31', birthYear: 1985 } } });
    });

    it('serves the holder index the birth year and the address-only mask, never the date, from every feed', async () => {
      for (const slug of ['education', 'veterans', 'hrss']) {
        const url = hub.urls[slug].replace('/graphql', '/changes?after=0&limit=5000');
        const response = await fetch(url, { headers: hub.signedHeaders(service, { url }) });
        const body = await response.json();
        const persons = body.changes.filter((c: { entity: string }) => c.entity === 'person');
        expect(persons.length).toBeGreaterThan(0);
        for (const change of persons) {
          expect(Object.keys(change.record).sort()).toEqual([
            'birthYear',
            'idNumberMasked',
            'name',
            'personId',
            'sex',
            'townshipCode',
            'updatedAt',
          ]);
          expect(change.record.idNumberMasked).toMatch(MASK);
        }
        expect(JSON.stringify(persons)).not.toContain('birthDate');
      }
    });
    it('serves a person change logged before the feed was narrowed through the same view', async () => {
      const education = hub.subgraphs.education;
      const before = await education.repo.latestSeq();
      const old = {
        personId: personIdOf(EDU_ID),
        idNumberMasked: `${EDU_ID.slice(0, 6)}********${EDU_ID.slice(14)}`,
        name: '王小丽',
        sex: 'FEMALE',
        birthDate: '1985-12-31',
        townshipCode: '410928100',
        updatedAt: '2025-01-01T00:00:00.000Z',
      };
      await education.dataSource.query(
        'INSERT INTO change_log (entity, entity_id, person_id, payload, created_at) VALUES (?, ?, ?, ?, ?)',
        ['person', old.personId, old.personId, JSON.stringify(old), '2025-01-01T00:00:00.000Z'],
      );
      const url = hub.urls.education.replace('/graphql', `/changes?after=${before}`);
      const response = await fetch(url, { headers: hub.signedHeaders(service, { url }) });
      const [change] = (await response.json()).changes;
      expect(change.record).toEqual({ ...old, birthDate: undefined, idNumberMasked: '410928************', birthYear: 1985 });
      expect(JSON.stringify(change)).not.toContain('1985-12-31');
    });
  });

  describe('an analyst reads aggregates only (个人信息保护法 第六条: statistics need no records)', () => {
    const refused = (body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] }) => {
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      // The message names the role, as every refusal does.
      expect(body.errors?.[0]?.message).toMatch(/^数据分析人员无权/);
      expect(JSON.stringify(body)).not.toMatch(/idNumberMasked":"|"totalCount":\d/);
    };
    const departmentLists = ['hrss', 'education', 'agriculture', 'veterans', 'civilAffairs', 'finance'].flatMap((f) => [
      `{ ${f}Certificates { totalCount } }`,
      `{ ${f}Certificates(first: 100) { nodes { id person { idNumberMasked } } } }`,
      `{ ${f}Trainings { totalCount } }`,
      `{ ${f}Trainings(first: 100) { nodes { id } } }`,
    ]);

    it.each([
      ['people', '{ people(first: 100) { totalCount nodes { id idNumberMasked } } }'],
      ['people of a township and department', '{ people(filter: { township: "城关镇", department: EDUCATION }) { totalCount } }'],
      ['a person by ID number', `{ person(idNumber: "${EDU_ID}", purpose: "统计") { id name } }`],
      ['training vouchers', '{ trainingVouchers { totalCount } }'],
      ['evaluation subsidy claims', '{ financeEvaluationSubsidyClaims { totalCount } }'],
      ['employment subsidy claims', '{ financeEmploymentSubsidyClaims { totalCount } }'],
      ['fund entries', '{ financeFundEntries { totalCount } }'],
      ['data quality', '{ dataQuality { byDepartment { department } } }'],
      ['the audit log', '{ auditLog { totalCount } }'],
    ])('refuses %s through the gateway', async (_label, query) => {
      refused((await hub.queryAs(analyst, query)).body);
    });

    it('refuses every department’s certificate and training lists and their totalCount, through the gateway', async () => {
      for (const query of departmentLists) refused((await hub.queryAs(analyst, query)).body);
    });

    it('refuses the same paths on the subgraphs called directly with a signed identity, and Person by id through _entities', async () => {
      refused((await hub.querySubgraph('county', '{ people(first: 5) { totalCount } }', undefined, analyst)).body);
      refused((await hub.querySubgraph('county', `{ person(idNumber: "${EDU_ID}") { id } }`, undefined, analyst)).body);
      const r = [{ __typename: 'Person', id: personIdOf(SHARED_ID) }];
      refused(
        (
          await hub.querySubgraph(
            'county',
            'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumberMasked name birthYear sex township { code } } } }',
            { r },
            analyst,
          )
        ).body,
      );
      refused(
        (
          await hub.querySubgraph(
            'county',
            'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { departments } } }',
            { r },
            analyst,
          )
        ).body,
      );
      for (const slug of ['education', 'veterans']) {
        const field = slug;
        refused(
          (
            await hub.querySubgraph(
              slug,
              `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { ${field} { person { idNumberMasked } certificates { id } } } } }`,
              { r },
              analyst,
            )
          ).body,
        );
        refused((await hub.querySubgraph(slug, `{ ${field}Certificates { totalCount } }`, undefined, analyst)).body);
      }
      refused((await hub.querySubgraph('finance', '{ financeEvaluationSubsidyClaims { totalCount } }', undefined, analyst)).body);
      refused((await hub.querySubgraph('hrss', '{ trainingVouchers { totalCount } }', undefined, analyst)).body);
    });

    it('still answers the analyst’s aggregates: grouping, county progress, the ledger, catalogue, competition and fund figures', async () => {
      const res = await hub.queryAs(
        analyst,
        `{ aggregate(dimensions: [TOWNSHIP, LEVEL]) { rows { holders } }
           countyProgress { certificateHolders { value } }
           progressLedger(year: 2025) { year }
           evaluationInstitutions { code }
           competitionFigures(year: 2025) { contestants }
           trainingVoucherSummary(year: 2025) { issued }
           financeFundTotals { year } }`,
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.aggregate.rows.length).toBeGreaterThan(0);
      expect(res.body.data.countyProgress.certificateHolders.value).toBeGreaterThan(0);
    });

    it('leaves department staff, the county administrator and the service their record lists', async () => {
      expect(
        (await hub.queryAs(educationStaff, '{ educationCertificates { totalCount } people(first: 1) { totalCount } }')).body.errors,
      ).toBeUndefined();
      expect(
        (await hub.queryAs(service, '{ veteransCertificates { totalCount } people(first: 1) { totalCount } }')).body.errors,
      ).toBeUndefined();
      const admin = await hub.query(
        `{ people(first: 1) { totalCount } person(idNumber: "${VET_ID}", purpose: "核对") { name departments } }`,
      );
      expect(admin.errors).toBeUndefined();
      expect(admin.data.person).toEqual({ name: '魏霞', departments: ['CIVIL_AFFAIRS', 'VETERANS'] });
    });
  });

  describe('looking a person up by ID number', () => {
    it('is refused to an analyst, through the gateway and directly', async () => {
      const query = `{ person(idNumber: "${EDU_ID}") { id } }`;
      const viaGateway = await hub.queryAs(analyst, query);
      expect(viaGateway.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(viaGateway.body.data?.person ?? null).toBeNull();
      const direct = await hub.querySubgraph('county', query, undefined, analyst);
      expect(direct.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('finds for staff only the persons their department holds, and audits every lookup, found or not', async () => {
      const found = await hub.queryAs(educationStaff, `{ person(idNumber: "${EDU_ID}", purpose: "补贴核对") { id } }`);
      expect(found.body.data.person).toEqual({ id: personIdOf(EDU_ID) });
      const elsewhere = await hub.queryAs(educationStaff, `{ person(idNumber: "${VET_ID}") { id name } }`);
      expect(elsewhere.body.errors).toBeUndefined();
      expect(elsewhere.body.data.person).toBeNull();
      // A guess that matches nobody is audited too: the audit names its person id, never the number.
      const guess = makeIdNumber('410928', '1985-12-31', 989);
      expect((await hub.queryAs(educationStaff, `{ person(idNumber: "${guess}") { id } }`)).body.data.person).toBeNull();
      await sync();
      for (const [idNumber, purpose] of [
        [EDU_ID, '补贴核对'],
        [VET_ID, '按身份证号查询人员（未说明用途）'],
        [guess, '按身份证号查询人员（未说明用途）'],
      ]) {
        const audit = await hub.query(`{ auditLog(personId: "${personIdOf(idNumber)}") { nodes { subject role field purpose } } }`);
        expect(audit.data.auditLog.nodes).toContainEqual({
          subject: 'clerk-wang',
          role: 'DEPARTMENT_STAFF',
          field: 'lookupByIdNumber',
          purpose,
        });
      }
      const log = await hub.query('{ auditLog(first: 100) { nodes { purpose } } }');
      expect(JSON.stringify(log)).not.toContain(guess);
    });
  });

  describe('department staff see only their own department’s persons', () => {
    it('lists only persons education holds, as many as the administrator counts for education', async () => {
      const staff = await hub.queryAs(educationStaff, '{ people(first: 100) { totalCount nodes { id departments } } }');
      expect(staff.body.errors).toBeUndefined();
      const admin = await hub.query('{ people(first: 1, filter: { department: EDUCATION }) { totalCount } }');
      const all = await hub.query('{ people(first: 1) { totalCount } }');
      expect(staff.body.data.people.totalCount).toBe(admin.data.people.totalCount);
      expect(staff.body.data.people.totalCount).toBeLessThan(all.data.people.totalCount);
      for (const node of staff.body.data.people.nodes) expect(node.departments).toEqual(['EDUCATION']);
      expect(staff.body.data.people.nodes.map((n: { id: string }) => n.id)).not.toContain(personIdOf(VET_ID));
    });

    it.each(['CIVIL_AFFAIRS', 'VETERANS'])('refuses education staff the %s list', async (department) => {
      const res = await hub.queryAs(educationStaff, `{ people(filter: { department: ${department} }) { totalCount nodes { id } } }`);
      expect(res.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const direct = await hub.querySubgraph(
        'county',
        `{ people(filter: { department: ${department} }) { totalCount } }`,
        undefined,
        educationStaff,
      );
      expect(direct.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('never tells education staff that a person of theirs is also a veteran', async () => {
      const res = await hub.queryAs(educationStaff, `{ person(idNumber: "${SHARED_ID}") { departments } }`);
      expect(res.body.data.person.departments).toEqual(['EDUCATION']);
      const admin = await hub.query(`{ person(idNumber: "${SHARED_ID}") { departments } }`);
      expect(admin.data.person.departments).toEqual(['EDUCATION', 'VETERANS']);
      const certificates = await hub.queryAs(educationStaff, '{ educationCertificates(first: 100) { nodes { person { departments } } } }');
      for (const node of certificates.body.data.educationCertificates.nodes) expect(node.person.departments).toEqual(['EDUCATION']);
    });

    it('gives nothing of a person education does not hold through an entity reference on any subgraph', async () => {
      const r = [{ __typename: 'Person', id: personIdOf(VET_ID) }];
      const master = await hub.querySubgraph(
        'county',
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id name idNumberMasked sex birthYear township { code } departments } } }',
        { r },
        educationStaff,
      );
      expect(master.body.data._entities[0]).toEqual({
        id: personIdOf(VET_ID),
        name: null,
        idNumberMasked: null,
        sex: null,
        birthYear: null,
        township: null,
        departments: [],
      });
      for (const [slug, field] of [
        ['veterans', 'veterans'],
        ['civil-affairs', 'civilAffairs'],
      ]) {
        const other = await hub.querySubgraph(
          slug,
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { ${field} { person { name } certificates { certificateNumber } } } } }`,
          { r },
          educationStaff,
        );
        expect(other.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
        expect(JSON.stringify(other.body.data ?? {})).not.toContain('魏霞');
      }
    });

    it('lets veterans staff see their own persons and their own membership only', async () => {
      const res = await hub.queryAs(
        veteransStaff,
        `{ person(idNumber: "${VET_ID}") { name departments veterans { certificates { certificateNumber } } } }`,
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.person).toEqual({
        name: '魏霞',
        departments: ['VETERANS'],
        veterans: { certificates: [{ certificateNumber: 'SP-VET-2' }] },
      });
    });
  });

  describe('the stored masks and the index migrate', () => {
    it('rewrites a department’s older masks to the address code without decrypting', async () => {
      const education = hub.subgraphs.education.dataSource;
      const id = personIdOf(EDU_ID);
      await education.query('UPDATE person SET id_number_masked = ? WHERE person_id = ?', [
        `${EDU_ID.slice(0, 6)}********${EDU_ID.slice(14)}`,
        id,
      ]);
      const runner = education.createQueryRunner();
      try {
        await new MaskIdNumberAddressOnly1764979200000().up(runner);
      } finally {
        await runner.release();
      }
      const [row] = await education.query('SELECT id_number_masked AS mask FROM person WHERE person_id = ?', [id]);
      expect(row.mask).toBe('410928************');
      const masks: { mask: string }[] = await education.query('SELECT id_number_masked AS mask FROM person');
      for (const { mask } of masks) expect(mask).toMatch(MASK);
    });

    it('turns the birth dates of an index still in hrss’s database (not yet moved) into birth years and re-masks it', async () => {
      const hrss = hub.subgraphs.hrss.dataSource;
      const migration = new IndexBirthYear1764979200001();
      const runner = hrss.createQueryRunner();
      try {
        // hrss's index as a county that has not run county:adopt-hrss-index still has it, with the county's rows.
        await new HolderIndex1764115200001().up(runner);
        await insertRows(runner.manager, personMaster, await hub.county.dataSource.getRepository('PersonMaster').find());
        await insertRows(runner.manager, personSeen, await hub.county.dataSource.getRepository('PersonSeen').find());
        await migration.down(runner);
        const id = personIdOf(EDU_ID);
        await hrss.query('UPDATE person_master SET birth_date = ?, birth_year = NULL, id_number_masked = ? WHERE person_id = ?', [
          '1985-12-31',
          `${EDU_ID.slice(0, 6)}********${EDU_ID.slice(14)}`,
          id,
        ]);
        await migration.up(runner);
        const [row] = await hrss.query('SELECT birth_year AS year, id_number_masked AS mask FROM person_master WHERE person_id = ?', [id]);
        expect({ year: Number(row.year), mask: row.mask }).toEqual({ year: 1985, mask: '410928************' });
        for (const table of ['person_master', 'person_seen'])
          expect((await runner.getTable(table))?.findColumnByName('birth_date')).toBeUndefined();
      } finally {
        await runner.release();
      }
    });
  });
  describe('rotating the ID-number key while the hub runs', () => {
    const newKey = randomBytes(32);
    /** The ring the services get after the rotation is decided: key 2 seals, key 1 (and so v1.) still opens. */
    const rotatedIdentity = () =>
      new IdentityService(
        hub.subgraphs.education.identity.keys,
        idKeyRingFromEnv({ HUB_ID_ENCRYPTION_KEY_ID: '2', HUB_ID_ENCRYPTION_OLD_KEYS: `1:${secrets.HUB_ID_ENCRYPTION_KEY}` }, newKey),
      );
    const sealedRows = async (): Promise<Map<string, string>> => {
      const rows: { person_id: string; id_number_sealed: string }[] = await hub.subgraphs.education.dataSource.query(
        'SELECT person_id, id_number_sealed FROM person',
      );
      return new Map(rows.map((r) => [r.person_id, r.id_number_sealed]));
    };

    it('re-encrypts every sealed number, legacy ones included, in batches, without losing concurrent writes', async () => {
      const education = hub.subgraphs.education;
      const before = await sealedRows();
      const plain = new Map([...before].map(([id, sealed]) => [id, education.identity.open(sealed)]));
      // Rows sealed before ciphertexts had key ids.
      const legacy = [...before.keys()].slice(0, 20);
      for (const id of legacy) {
        await education.dataSource.query('UPDATE person SET id_number_sealed = ? WHERE person_id = ?', [
          new IdCipher(Buffer.from(secrets.HUB_ID_ENCRYPTION_KEY, 'hex')).encrypt(plain.get(id)!),
          id,
        ]);
      }
      const rotated = rotatedIdentity();
      const progress: number[] = [];
      const writes = Array.from({ length: 5 }, (_, i) =>
        record('educationCertificate', cert(makeIdNumber('410928', '1990-02-02', 900 + i), `并发${i}`, `SP-ROT-${i}`)),
      );
      const [result] = await Promise.all([
        rotateSealedIdNumbers(education.repo, rotated.cipher, { batchSize: 25, onProgress: (p) => progress.push(p.scanned) }),
        ...writes,
      ]);
      expect(result.rotated).toBeGreaterThanOrEqual(before.size);
      expect(progress.length).toBeGreaterThanOrEqual(Math.ceil(before.size / 25));
      const after = await sealedRows();
      for (const [id, number] of plain) {
        expect(after.get(id)).toMatch(/^v2\.2\./);
        expect(rotated.open(after.get(id)!)).toBe(number);
      }
      // The concurrent writes are all there, readable with the new ring whichever key sealed them.
      for (let i = 0; i < 5; i++) {
        const number = makeIdNumber('410928', '1990-02-02', 900 + i);
        expect(rotated.open(after.get(rotated.personIdOf(number))!)).toBe(number);
      }
      // A second run (the services now seal with key 2) finishes what raced it and then finds nothing to do.
      await rotateSealedIdNumbers(education.repo, rotated.cipher);
      expect(await rotateSealedIdNumbers(education.repo, rotated.cipher)).toEqual({ rotated: 0, passes: 1, remaining: 0 });
    });

    it('never overwrites a row a writer changed between the read and the update', async () => {
      const education = hub.subgraphs.education;
      const id = personIdOf(EDU_ID);
      const legacy = new IdCipher(Buffer.from(secrets.HUB_ID_ENCRYPTION_KEY, 'hex')).encrypt(EDU_ID);
      await education.dataSource.query('UPDATE person SET id_number_sealed = ? WHERE person_id = ?', [legacy, id]);
      const rotated = rotatedIdentity();
      const theirs = rotated.seal(EDU_ID);
      let raced = false;
      const result = await rotateSealedIdNumbers(education.repo, rotated.cipher, {
        beforeUpdate: async (ids) => {
          if (raced || !ids.includes(id)) return;
          raced = true;
          await education.dataSource.query('UPDATE person SET id_number_sealed = ? WHERE person_id = ?', [theirs, id]);
        },
      });
      expect(raced).toBe(true);
      expect(result).toEqual({ rotated: 0, passes: 2, remaining: 0 });
      expect((await sealedRows()).get(id)).toBe(theirs);
    });
  });
});
