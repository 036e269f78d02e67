import { CertificateRecord, PersonRecord, TrainingRecord } from '@hub/subgraph-kit';
import { kindInfo, levelNumber, planTargets, SkillLevel, departmentSlug, Department } from '@hub/vocabulary';
import { slugs, startHub, TestHub } from './fixtures/startHub';

const PERSONS = 400;

interface Raw {
  department: Department;
  certificates: CertificateRecord[];
  trainings: TrainingRecord[];
  people: PersonRecord[];
}

const PROGRESS = `query($asOf: Date) { countyProgress(asOf: $asOf) {
  certificateHolders { value target ratio } skilledTalents { value target } midHighSkilledTalents { value target }
  highSkilledTalents { value } trainingPersonTimes { value target } newlyCertified { value target } newHighSkilled { value target }
  employedPopulation holderShareOfEmployed { value target } midHighShareOfSkilled { value }
  byDepartment { department holders overlap exclusive certificates }
  byTownship { key holders certificates } byLevel { key holders certificates } byTalentCategory { key holders certificates }
  byMonth { month certificatesIssued newHolders trainingsStarted }
  completeness { department included lastSyncedAt lagSeconds pendingChanges lastError } } }`;

/** The county's figures the slow, obvious way: straight from every department's own rows. */
function bruteForce(raws: Raw[], asOf: string) {
  const from = planTargets().period.from;
  const counts = (c: CertificateRecord) =>
    c.issuedOn <= asOf && (c.status !== 'REVOKED' || (c.revokedOn ?? c.issuedOn) > asOf) && (c.validUntil === null || c.validUntil >= asOf);
  const notRevoked = (c: CertificateRecord) => c.status !== 'REVOKED' || (c.revokedOn ?? c.issuedOn) > asOf;
  const level = (c: CertificateRecord) => (c.level ? levelNumber(c.level as SkillLevel) : 99);
  const all = raws.flatMap((r) => r.certificates.map((c) => ({ ...c, department: r.department })));
  const counting = all.filter(counts);
  const persons = (rows: typeof all) => new Set(rows.map((c) => c.personId)).size;
  const skilled = counting.filter((c) => kindInfo[c.kind].skilled);
  const departmentsOf = new Map<string, Set<string>>();
  for (const c of counting) departmentsOf.set(c.personId, new Set([...(departmentsOf.get(c.personId) ?? []), c.department]));
  const township = new Map<string, string | null>();
  for (const r of raws) for (const p of r.people) township.set(p.personId, p.townshipCode);
  const group = (keyOf: (c: (typeof all)[number]) => string | null) => {
    const out: Record<string, { holders: number; certificates: number }> = {};
    const keys = new Set(counting.map(keyOf));
    for (const key of keys) {
      const rows = counting.filter((c) => keyOf(c) === key);
      out[String(key)] = { holders: persons(rows), certificates: rows.length };
    }
    return out;
  };
  return {
    holders: persons(counting),
    skilled: persons(skilled),
    midHigh: persons(skilled.filter((c) => level(c) <= 4)),
    high: persons(skilled.filter((c) => level(c) <= 3)),
    newlyCertified: persons(all.filter((c) => c.issuedOn >= from && c.issuedOn <= asOf && notRevoked(c))),
    newHighSkilled: persons(all.filter((c) => c.issuedOn >= from && c.issuedOn <= asOf && notRevoked(c) && kindInfo[c.kind].skilled && level(c) <= 3)),
    trainingPersonTimes: raws.flatMap((r) => r.trainings).filter((t) => t.startDate >= from && t.startDate <= asOf && t.outcome !== 'DROPPED').length,
    byDepartment: Object.fromEntries(
      raws.map((r) => {
        const rows = counting.filter((c) => c.department === r.department);
        const ids = new Set(rows.map((c) => c.personId));
        const overlap = [...ids].filter((id) => (departmentsOf.get(id)?.size ?? 0) > 1).length;
        return [r.department, { holders: ids.size, overlap, certificates: rows.length }];
      }),
    ),
    byTownship: group((c) => township.get(c.personId) ?? null),
    byLevel: group((c) => (c.level ? String(levelNumber(c.level as SkillLevel)) : null)),
    byTalentCategory: group((c) => c.talentCategory),
    certificatesIssuedByMonth: all
      .filter((c) => c.issuedOn >= from && c.issuedOn <= asOf && notRevoked(c))
      .reduce<Record<string, number>>((m, c) => ({ ...m, [c.issuedOn.slice(0, 7)]: (m[c.issuedOn.slice(0, 7)] ?? 0) + 1 }), {}),
  };
}

function rowsByKey(rows: { key: string | null; holders: number; certificates: number }[]) {
  return Object.fromEntries(rows.map((r) => [String(r.key), { holders: r.holders, certificates: r.certificates }]));
}

describe('countyProgress over the holder index', () => {
  let hub: TestHub;

  async function raw(): Promise<Raw[]> {
    return Promise.all(
      slugs.map(async (slug) => {
        const ds = hub.subgraphs[slug].dataSource;
        return {
          department: hub.subgraphs[slug].definition.code,
          certificates: await ds.getRepository<CertificateRecord>('Certificate').find(),
          trainings: await ds.getRepository<TrainingRecord>('Training').find(),
          people: await ds.getRepository<PersonRecord>('Person').find(),
        };
      }),
    );
  }

  async function sync() {
    const res = await hub.query('mutation { syncHolderIndex { department lastError } }');
    expect(res.errors).toBeUndefined();
    return res.data.syncHolderIndex as { department: string; lastError: string | null }[];
  }

  async function progress(asOf: string) {
    const res = await hub.query(PROGRESS, { asOf });
    expect(res.errors).toBeUndefined();
    return res.data.countyProgress;
  }

  beforeAll(async () => {
    hub = await startHub({ persons: PERSONS });
    await sync();
  }, 180_000);

  afterAll(() => hub?.stop());

  it.each(['2020-06-30', '2022-12-31', '2024-07-01', '2026-11-26'])('equals a brute-force count over the departments’ raw rows on %s', async (asOf) => {
    const expected = bruteForce(await raw(), asOf);
    const got = await progress(asOf);
    expect(expected.holders).toBeGreaterThan(0);
    expect(got.certificateHolders.value).toBe(expected.holders);
    expect(got.skilledTalents.value).toBe(expected.skilled);
    expect(got.midHighSkilledTalents.value).toBe(expected.midHigh);
    expect(got.highSkilledTalents.value).toBe(expected.high);
    expect(got.newlyCertified.value).toBe(expected.newlyCertified);
    expect(got.newHighSkilled.value).toBe(expected.newHighSkilled);
    expect(got.trainingPersonTimes.value).toBe(expected.trainingPersonTimes);
    for (const row of got.byDepartment) {
      expect({ department: row.department, ...expected.byDepartment[row.department] }).toEqual({
        department: row.department,
        holders: row.holders,
        overlap: row.overlap,
        certificates: row.certificates,
      });
      expect(row.exclusive).toBe(row.holders - row.overlap);
    }
    expect(rowsByKey(got.byTownship)).toEqual(expected.byTownship);
    expect(rowsByKey(got.byTalentCategory)).toEqual(expected.byTalentCategory);
    const levelled = Object.fromEntries(Object.entries(expected.byLevel).filter(([key]) => key !== 'null'));
    expect(rowsByKey(got.byLevel)).toEqual(levelled);
    const months = Object.fromEntries(got.byMonth.filter((m: { certificatesIssued: number }) => m.certificatesIssued > 0).map((m: { month: string; certificatesIssued: number }) => [m.month, m.certificatesIssued]));
    expect(months).toEqual(expected.certificatesIssuedByMonth);
  });

  it('takes its targets from the plan data and shows fewer holders than the departments’ own figures added up', async () => {
    const got = await progress('2026-11-26');
    expect(got.certificateHolders.target).toBe(300000);
    expect(got.skilledTalents.target).toBe(200000);
    expect(got.midHighSkilledTalents.target).toBe(160000);
    expect(got.trainingPersonTimes.target).toBe(120000);
    expect(got.newlyCertified.target).toBe(96000);
    expect(got.holderShareOfEmployed.target).toBe(0.8);
    expect(got.employedPopulation).toBe(375000);
    expect(got.certificateHolders.ratio).toBeCloseTo(got.certificateHolders.value / 300000, 10);
    const sumOfDepartments = got.byDepartment.reduce((s: number, d: { holders: number }) => s + d.holders, 0);
    expect(got.certificateHolders.value).toBeLessThan(sumOfDepartments);
  });

  it('counts a person with certificates in two departments once in the county and once in each department', async () => {
    const asOf = '2026-11-26';
    const before = await progress(asOf);
    const person = { idNumber: '410928198512310028', name: '跨部门', township: '柳屯镇' };
    const a = await hub.query('mutation($i: HrssCertificateInput!) { recordHrssCertificate(input: $i) { id } }', {
      i: { ...person, kind: 'SKILL_LEVEL', level: 'LEVEL_3', occupation: '6-18-02-04', certificateNumber: 'TWO-DEPT-1', issuingBody: '鉴定中心', issuedOn: '2024-03-01' },
    });
    const b = await hub.query('mutation($i: CivilAffairsCertificateInput!) { recordCivilAffairsCertificate(input: $i) { id } }', {
      i: { ...person, kind: 'SOCIAL_WORKER', certificateNumber: 'TWO-DEPT-2', issuingBody: '人社部', issuedOn: '2025-06-01' },
    });
    expect(a.errors ?? b.errors).toBeUndefined();
    await sync();
    const after = await progress(asOf);
    expect(after.certificateHolders.value).toBe(before.certificateHolders.value + 1);
    const dept = (p: typeof before, d: string) => p.byDepartment.find((r: { department: string }) => r.department === d);
    expect(dept(after, 'HRSS').holders).toBe(dept(before, 'HRSS').holders + 1);
    expect(dept(after, 'CIVIL_AFFAIRS').holders).toBe(dept(before, 'CIVIL_AFFAIRS').holders + 1);
    expect(dept(after, 'HRSS').overlap).toBe(dept(before, 'HRSS').overlap + 1);
  });

  it('stops counting a revoked certificate from its revocation date and an expired one after its last valid day', async () => {
    const person = { idNumber: '41092819780515006X', name: '到期', township: '410928213' };
    await hub.query('mutation($i: VeteransCertificateInput!) { recordVeteransCertificate(input: $i) { id } }', {
      i: { ...person, kind: 'SPECIAL_OPERATION', occupation: '电工', certificateNumber: 'EXPIRES-1', issuingBody: '应急管理局', issuedOn: '2019-02-01', validUntil: '2025-01-31' },
    });
    const other = { idNumber: '410928200002290186', name: '撤销', township: '梨园' };
    await hub.query('mutation($i: FinanceCertificateInput!) { recordFinanceCertificate(input: $i) { id } }', {
      i: { ...other, kind: 'PROFESSIONAL_TITLE', occupation: '会计专业人员', certificateNumber: 'REVOKE-1', issuingBody: '财政厅', issuedOn: '2023-05-20' },
    });
    const revoked = await hub.query('mutation { revokeFinanceCertificate(certificateNumber: "REVOKE-1", revokedOn: "2025-03-01", reason: "证书造假") { status revokedOn } }');
    expect(revoked.data.revokeFinanceCertificate).toEqual({ status: 'REVOKED', revokedOn: '2025-03-01' });
    await sync();
    const holders = async (asOf: string) => (await progress(asOf)).certificateHolders.value;
    const raws = await raw();
    for (const asOf of ['2025-01-31', '2025-02-01', '2025-02-28', '2025-03-01']) {
      expect(await holders(asOf)).toBe(bruteForce(raws, asOf).holders);
    }
    const lastValidDay = await progress('2025-01-31');
    const dayAfter = await progress('2025-02-01');
    const vet = (p: { byDepartment: { department: string; holders: number }[] }) => p.byDepartment.find((d) => d.department === 'VETERANS')!.holders;
    expect(vet(lastValidDay) - vet(dayAfter)).toBeGreaterThanOrEqual(1);
    const fin = (p: { byDepartment: { department: string; holders: number }[] }) => p.byDepartment.find((d) => d.department === 'FINANCE')!.holders;
    expect(fin(await progress('2025-02-28')) - fin(await progress('2025-03-01'))).toBe(1);
  });

  it('shows a department that is down in completeness, and after it returns counts its changes exactly once', async () => {
    const asOf = '2026-11-26';
    const before = await progress(asOf);
    await hub.takeDown('agriculture');
    // The department keeps working on its own database while hrss cannot reach it.
    const agriculture = hub.subgraphs.agriculture;
    const { preparePerson, prepareCertificate } = await import('@hub/subgraph-kit');
    const person = preparePerson(agriculture.identity, { idNumber: '410928199001010010'.slice(0, 17) + 'X', name: '新农人', township: '渠村乡' });
    await agriculture.repo.writeBatch({
      people: [person],
      certificates: [prepareCertificate(person.personId, { ...person, idNumber: '', kind: 'RURAL_PRACTICAL', certificateNumber: 'DOWN-1', issuingBody: '农业农村局', issuedOn: '2026-10-01' })],
    });
    const during = await sync();
    expect(during.find((d) => d.department === 'AGRICULTURE')!.lastError).toBeTruthy();
    const whileDown = await progress(asOf);
    const agri = whileDown.completeness.find((c: { department: string }) => c.department === 'AGRICULTURE');
    expect(agri.lastError).toBeTruthy();
    expect(agri.included).toBe(true);
    expect(whileDown.completeness.find((c: { department: string }) => c.department === 'EDUCATION').lastError).toBeNull();
    expect(whileDown.certificateHolders.value).toBe(before.certificateHolders.value);

    await hub.bringUp('agriculture');
    await sync();
    const back = await progress(asOf);
    expect(back.certificateHolders.value).toBe(before.certificateHolders.value + 1);
    expect(back.completeness.find((c: { department: string }) => c.department === 'AGRICULTURE').lastError).toBeNull();
    await sync();
    expect((await progress(asOf)).certificateHolders.value).toBe(before.certificateHolders.value + 1);
    expect((await progress(asOf)).certificateHolders.value).toBe(bruteForce(await raw(), asOf).holders);
  });

  it('changes nothing when a feed page is applied again', async () => {
    const asOf = '2026-11-26';
    const before = await progress(asOf);
    const feed = `${hub.env.HUB_EDUCATION_URL}/changes?after=0&limit=500`;
    const page = (await fetch(feed, { headers: hub.signedHeaders({ subject: 'test', role: 'SERVICE' }, { url: feed }) }).then((r) => r.json())) as { changes: never[]; latestSeq: number };
    await hub.hrss.index.apply('EDUCATION', page.changes, page.latestSeq);
    await hub.hrss.index.apply('EDUCATION', page.changes, page.latestSeq);
    const after = await progress(asOf);
    expect(after.certificateHolders).toEqual(before.certificateHolders);
    expect(after.byDepartment).toEqual(before.byDepartment);
  });

  it('moves a certificate corrected to another person: the first person stops holding it', async () => {
    const asOf = '2026-11-26';
    const record = 'mutation($i: AgricultureCertificateInput!) { recordAgricultureCertificate(input: $i) { id } }';
    const certificate = { kind: 'RURAL_PRACTICAL', certificateNumber: 'MOVED-1', issuingBody: '农业农村局', issuedOn: '2025-04-01' };
    const wrong = { idNumber: '410928199203150010', name: '录错人', township: '城关镇' };
    const right = { idNumber: '410928198807070025', name: '持证人', township: '城关镇' };
    expect((await hub.query(record, { i: { ...wrong, ...certificate } })).errors).toBeUndefined();
    await sync();
    const before = await progress(asOf);
    expect((await hub.query(record, { i: { ...right, ...certificate } })).errors).toBeUndefined();
    await sync();
    const after = await progress(asOf);
    const raws = await raw();
    expect(raws.find((r) => r.department === 'AGRICULTURE')!.certificates.filter((c) => c.certificateNumber === 'MOVED-1')).toHaveLength(1);
    expect(after.certificateHolders.value).toBe(bruteForce(raws, asOf).holders);
    expect(after.certificateHolders.value).toBe(before.certificateHolders.value);
  });

  it('shows a new certificate in the totals within 5 seconds of its commit when syncing continuously', async () => {
    hub.hrss.sync.start(250);
    try {
      const asOf = '2026-11-26';
      await new Promise((r) => setTimeout(r, 500));
      const before = (await progress(asOf)).certificateHolders.value;
      const committed = Date.now();
      const res = await hub.query('mutation($i: EducationCertificateInput!) { recordEducationCertificate(input: $i) { id } }', {
        i: { idNumber: '11010519491231002X', name: '新证书', township: '城关镇', kind: 'SKILL_LEVEL', level: 'LEVEL_5', occupation: '中式烹调师', certificateNumber: 'FRESH-1', issuingBody: '职教中心', issuedOn: '2026-11-01' },
      });
      expect(res.errors).toBeUndefined();
      let value = before;
      while (value === before && Date.now() - committed < 5000) {
        await new Promise((r) => setTimeout(r, 100));
        value = (await progress(asOf)).certificateHolders.value;
      }
      expect(value).toBe(before + 1);
      expect(Date.now() - committed).toBeLessThan(5000);
    } finally {
      await hub.hrss.sync.stop();
    }
  });

  it('rejects a malformed as-of date', async () => {
    const res = await hub.query('{ countyProgress(asOf: "2025-02-30") { asOf } }');
    expect(res.data?.countyProgress).toBeFalsy();
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'BAD_DATE' });
    expect(res.errors?.[0].message).toContain('2025-02-30');
  });

  it('uses department slugs that match the vocabulary', () => {
    for (const slug of slugs) expect(departmentSlug[hub.subgraphs[slug].definition.code as Department]).toBe(slug);
  });
});

describe('a revoked certificate recorded again', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub({});
  }, 120_000);
  afterAll(() => hub?.stop());

  it('stays revoked: re-recording the old data does not undo a revocation', async () => {
    const input = { idNumber: '410928198512310028', name: '撤销后重录', township: '城关镇', kind: 'SKILL_LEVEL', level: 'LEVEL_4', occupation: '焊工', certificateNumber: 'REVOKED-AGAIN-1', issuingBody: '鉴定中心', issuedOn: '2023-01-01' };
    const record = 'mutation($i: HrssCertificateInput!) { recordHrssCertificate(input: $i) { status revokedOn } }';
    expect((await hub.query(record, { i: input })).data.recordHrssCertificate.status).toBe('VALID');
    await hub.query('mutation { revokeHrssCertificate(certificateNumber: "REVOKED-AGAIN-1", revokedOn: "2024-01-01", reason: "材料不实") { status } }');
    const again = await hub.query(record, { i: { ...input, issuingBody: '鉴定中心（更正）' } });
    expect(again.data.recordHrssCertificate).toEqual({ status: 'REVOKED', revokedOn: '2024-01-01' });
  });
});
