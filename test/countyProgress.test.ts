import { makeIdNumber } from '@hub/identity';
import { CertificateRecord, NewCertificate, PersonRecord, TrainingRecord } from '@hub/subgraph-kit';
import { countsOn, kindInfo, ladderGrades, levelNumber, planTargets, departmentSlug, Department } from '@hub/vocabulary';
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
  // The named rule; "not withdrawn by D" is the same rule with the issue and expiry dates left out.
  const counts = (c: CertificateRecord) => countsOn(c, asOf);
  const notRevoked = (c: CertificateRecord) => countsOn({ ...c, issuedOn: '0001-01-01', validUntil: null }, asOf);
  const level = (c: CertificateRecord) => (c.level ? levelNumber(c.level) : 99);
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
    newHighSkilled: persons(
      all.filter((c) => c.issuedOn >= from && c.issuedOn <= asOf && notRevoked(c) && kindInfo[c.kind].skilled && level(c) <= 3),
    ),
    trainingPersonTimes: raws
      .flatMap((r) => r.trainings)
      .filter((t) => t.startDate >= from && t.startDate <= asOf && t.outcome !== 'DROPPED').length,
    byDepartment: Object.fromEntries(
      raws.map((r) => {
        const rows = counting.filter((c) => c.department === r.department);
        const ids = new Set(rows.map((c) => c.personId));
        const overlap = [...ids].filter((id) => (departmentsOf.get(id)?.size ?? 0) > 1).length;
        return [r.department, { holders: ids.size, overlap, certificates: rows.length }];
      }),
    ),
    byTownship: group((c) => township.get(c.personId) ?? null),
    byLevel: group((c) => (c.level ? String(levelNumber(c.level)) : null)),
    byTalentCategory: group((c) => c.talentCategory),
    certificatesIssuedByMonth: all
      .filter((c) => c.issuedOn >= from && c.issuedOn <= asOf && notRevoked(c))
      .reduce<Record<string, number>>((m, c) => ({ ...m, [c.issuedOn.slice(0, 7)]: (m[c.issuedOn.slice(0, 7)] ?? 0) + 1 }), {}),
  };
}

/**
 * Gives the demo county what the brute force must cover besides: levels on the title and social-work ladders, skill
 * certificates whose level is not known, and withdrawals (撤销 REVOKED, 注销 CANCELLED) without a date.
 */
async function varyLevelsAndStatuses(hub: TestHub): Promise<void> {
  for (const slug of slugs) {
    const { repo, dataSource } = hub.subgraphs[slug];
    const all = await dataSource.getRepository<CertificateRecord>('Certificate').find({ order: { id: 'ASC' } });
    const changed: NewCertificate[] = [];
    for (const [i, c] of all.entries()) {
      const { id: _id, createdAt: _created, updatedAt: _updated, ...fields } = c;
      const ladder = kindInfo[c.kind].ladder;
      if (ladder === 'TITLE' || ladder === 'SOCIAL_WORK') {
        const grades = [...ladderGrades[ladder], 'UNKNOWN' as const];
        changed.push({ ...fields, grade: grades[i % grades.length], gradeWritten: null });
      } else if (ladder === 'SKILL' && i % 9 === 4) {
        changed.push({ ...fields, level: null, grade: 'UNKNOWN', gradeWritten: '特级' });
      }
    }
    await repo.writeBatch({ certificates: changed });
    for (const [i, c] of all.entries()) {
      if (i % 11 === 5 && c.status === 'VALID')
        await repo.revokeCertificate(c.certificateNumber, null, '日期未提供', i % 2 ? 'CANCELLED' : 'REVOKED');
    }
  }
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
    await varyLevelsAndStatuses(hub);
    await sync();
  }, 180_000);

  afterAll(() => hub?.stop());

  it.each(['2020-06-30', '2022-12-31', '2024-07-01', '2026-11-26'])(
    'equals a brute-force count over the departments’ raw rows on %s',
    async (asOf) => {
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
      const months = Object.fromEntries(
        got.byMonth
          .filter((m: { certificatesIssued: number }) => m.certificatesIssued > 0)
          .map((m: { month: string; certificatesIssued: number }) => [m.month, m.certificatesIssued]),
      );
      expect(months).toEqual(expected.certificatesIssuedByMonth);
    },
  );

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
      i: {
        ...person,
        kind: 'SKILL_LEVEL',
        level: 'LEVEL_3',
        occupation: '6-18-02-04',
        certificateNumber: 'TWO-DEPT-1',
        issuingBody: '鉴定中心',
        issuedOn: '2024-03-01',
      },
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
      i: {
        ...person,
        kind: 'SPECIAL_OPERATION',
        occupation: '电工',
        certificateNumber: 'EXPIRES-1',
        issuingBody: '应急管理局',
        issuedOn: '2019-02-01',
        validUntil: '2025-01-31',
      },
    });
    const other = { idNumber: '410928200002290186', name: '撤销', township: '梨园' };
    await hub.query('mutation($i: FinanceCertificateInput!) { recordFinanceCertificate(input: $i) { id } }', {
      i: {
        ...other,
        kind: 'PROFESSIONAL_TITLE',
        occupation: '会计专业人员',
        certificateNumber: 'REVOKE-1',
        issuingBody: '财政厅',
        issuedOn: '2023-05-20',
      },
    });
    const revoked = await hub.query(
      'mutation { revokeFinanceCertificate(certificateNumber: "REVOKE-1", revokedOn: "2025-03-01", reason: "证书造假") { status revokedOn } }',
    );
    expect(revoked.data.revokeFinanceCertificate).toEqual({ status: 'REVOKED', revokedOn: '2025-03-01' });
    await sync();
    const holders = async (asOf: string) => (await progress(asOf)).certificateHolders.value;
    const raws = await raw();
    for (const asOf of ['2025-01-31', '2025-02-01', '2025-02-28', '2025-03-01']) {
      expect(await holders(asOf)).toBe(bruteForce(raws, asOf).holders);
    }
    const lastValidDay = await progress('2025-01-31');
    const dayAfter = await progress('2025-02-01');
    const vet = (p: { byDepartment: { department: string; holders: number }[] }) =>
      p.byDepartment.find((d) => d.department === 'VETERANS')!.holders;
    expect(vet(lastValidDay) - vet(dayAfter)).toBeGreaterThanOrEqual(1);
    const fin = (p: { byDepartment: { department: string; holders: number }[] }) =>
      p.byDepartment.find((d) => d.department === 'FINANCE')!.holders;
    expect(fin(await progress('2025-02-28')) - fin(await progress('2025-03-01'))).toBe(1);
  });

  it('shows a department that is down in completeness, and after it returns counts its changes exactly once', async () => {
    const asOf = '2026-11-26';
    const before = await progress(asOf);
    await hub.takeDown('agriculture');
    // The department keeps working on its own database while hrss cannot reach it.
    const agriculture = hub.subgraphs.agriculture;
    const { preparePerson, prepareCertificate } = await import('@hub/subgraph-kit');
    const person = preparePerson(agriculture.identity, {
      idNumber: '410928199001010010'.slice(0, 17) + 'X',
      name: '新农人',
      township: '渠村乡',
    });
    await agriculture.repo.writeBatch({
      people: [person],
      certificates: [
        prepareCertificate(person.personId, {
          ...person,
          idNumber: '',
          kind: 'RURAL_PRACTICAL',
          certificateNumber: 'DOWN-1',
          issuingBody: '农业农村局',
          issuedOn: '2026-10-01',
        }),
      ],
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
    const page = (await fetch(feed, { headers: hub.signedHeaders({ subject: 'test', role: 'SERVICE' }, { url: feed }) }).then((r) =>
      r.json(),
    )) as { changes: never[]; latestSeq: number };
    await hub.county.services.writer.apply('EDUCATION', page.changes, page.latestSeq);
    await hub.county.services.writer.apply('EDUCATION', page.changes, page.latestSeq);
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
    hub.county.services.sync.start(250);
    try {
      const asOf = '2026-11-26';
      await new Promise((r) => setTimeout(r, 500));
      const before = (await progress(asOf)).certificateHolders.value;
      const committed = Date.now();
      const res = await hub.query('mutation($i: EducationCertificateInput!) { recordEducationCertificate(input: $i) { id } }', {
        i: {
          idNumber: '11010519491231002X',
          name: '新证书',
          township: '城关镇',
          kind: 'SKILL_LEVEL',
          level: 'LEVEL_5',
          occupation: '中式烹调师',
          certificateNumber: 'FRESH-1',
          issuingBody: '职教中心',
          issuedOn: '2026-11-01',
        },
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
      await hub.county.services.sync.stop();
    }
  });

  it('covers the new ladders and withdrawals without a date in the brute force', async () => {
    const all = (await raw()).flatMap((r) => r.certificates);
    expect(all.filter((c) => c.grade === 'TITLE_INTERMEDIATE').length).toBeGreaterThan(0);
    expect(all.filter((c) => c.grade === 'SOCIAL_WORKER_SENIOR').length).toBeGreaterThan(0);
    expect(all.filter((c) => c.kind === 'SKILL_LEVEL' && c.grade === 'UNKNOWN').length).toBeGreaterThan(0);
    expect(all.filter((c) => c.status === 'CANCELLED' && c.revokedOn === null).length).toBeGreaterThan(0);
    expect(all.filter((c) => c.status === 'REVOKED' && c.revokedOn === null).length).toBeGreaterThan(0);
  });

  it('counts 会计 中级 and 社会工作师 holders in their own talent categories, not as 技能人才, and a 技师 as 高技能', async () => {
    const asOf = '2026-11-26';
    const before = await progress(asOf);
    const person = (birth: string, n: number, name: string) => ({ idNumber: makeIdNumber('410928', birth, n), name, township: '城关镇' });
    const grade = '{ code label written }';
    const accountant = await hub.query(
      `mutation($i: FinanceCertificateInput!) { recordFinanceCertificate(input: $i) { level grade ${grade} } }`,
      {
        i: {
          ...person('1966-06-06', 901, '会计中级'),
          kind: 'PROFESSIONAL_TITLE',
          grade: 'TITLE_INTERMEDIATE',
          certificateNumber: 'LADDER-1',
          issuingBody: '河南省财政厅',
          issuedOn: '2024-05-01',
        },
      },
    );
    const socialWorker = await hub.query(
      `mutation($i: CivilAffairsCertificateInput!) { recordCivilAffairsCertificate(input: $i) { grade ${grade} } }`,
      {
        i: {
          ...person('1967-07-07', 902, '社工师'),
          kind: 'SOCIAL_WORKER',
          grade: 'SOCIAL_WORKER_INTERMEDIATE',
          certificateNumber: 'LADDER-2',
          issuingBody: '人社部',
          issuedOn: '2024-06-01',
        },
      },
    );
    const technician = await hub.query(
      `mutation($i: HrssCertificateInput!) { recordHrssCertificate(input: $i) { level grade ${grade} } }`,
      {
        i: {
          ...person('1968-08-08', 903, '技师'),
          kind: 'SKILL_LEVEL',
          level: 'LEVEL_2',
          occupation: '6-18-02-04',
          certificateNumber: 'LADDER-3',
          issuingBody: '鉴定中心',
          issuedOn: '2024-07-01',
        },
      },
    );
    expect(accountant.data.recordFinanceCertificate).toEqual({
      level: null,
      grade: { code: 'TITLE_INTERMEDIATE', label: '中级', written: null },
    });
    expect(socialWorker.data.recordCivilAffairsCertificate.grade).toEqual({
      code: 'SOCIAL_WORKER_INTERMEDIATE',
      label: '社会工作师',
      written: null,
    });
    expect(technician.data.recordHrssCertificate).toEqual({
      level: 'LEVEL_2',
      grade: { code: 'SKILL_2', label: '二级/技师', written: null },
    });
    const listed = await hub.query(
      '{ financeCertificates(filter: { grade: TITLE_INTERMEDIATE, issuedFrom: "2024-05-01", issuedTo: "2024-05-01" }, first: 100) { nodes { certificateNumber grade { code } } } }',
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data.financeCertificates.nodes).toContainEqual({ certificateNumber: 'LADDER-1', grade: { code: 'TITLE_INTERMEDIATE' } });
    expect(listed.data.financeCertificates.nodes.every((n: { grade: { code: string } }) => n.grade.code === 'TITLE_INTERMEDIATE')).toBe(
      true,
    );
    await sync();
    const after = await progress(asOf);
    const category = (p: typeof before, key: string) => p.byTalentCategory.find((r: { key: string }) => r.key === key)?.holders ?? 0;
    expect(after.certificateHolders.value - before.certificateHolders.value).toBe(3);
    expect(after.skilledTalents.value - before.skilledTalents.value).toBe(1);
    expect(after.midHighSkilledTalents.value - before.midHighSkilledTalents.value).toBe(1);
    expect(after.highSkilledTalents.value - before.highSkilledTalents.value).toBe(1);
    expect(category(after, 'PROFESSIONAL_TECHNICAL') - category(before, 'PROFESSIONAL_TECHNICAL')).toBe(1);
    expect(category(after, 'SOCIAL_WORK') - category(before, 'SOCIAL_WORK')).toBe(1);
    expect(category(after, 'SKILLED') - category(before, 'SKILLED')).toBe(1);
  });

  it('counts a certificate withdrawn without a date on no date at all, and from a date supplied later until that date', async () => {
    const fin = async (asOf: string) =>
      (await progress(asOf)).byDepartment.find((d: { department: string }) => d.department === 'FINANCE')!.holders as number;
    const dates = ['2024-05-01', '2025-06-30', '2025-07-01', '2026-11-26'];
    const counted = await Promise.all(dates.map(fin));
    const withdraw = (args: string) =>
      hub.query(
        `mutation { revokeFinanceCertificate(certificateNumber: "LADDER-1", reason: "注销", status: CANCELLED${args}) { id status revokedOn } }`,
      );
    const undated = await withdraw('');
    expect(undated.errors).toBeUndefined();
    expect(undated.data.revokeFinanceCertificate).toMatchObject({ status: 'CANCELLED', revokedOn: null });
    await sync();
    // The contract of the data-quality list: status ≠ VALID and revoked_on NULL, in the department's table and in the index.
    const stored = await hub.subgraphs.finance.dataSource.query(
      `SELECT status, revoked_on FROM certificate WHERE certificate_number = 'LADDER-1'`,
    );
    expect(stored).toEqual([{ status: 'CANCELLED', revoked_on: null }]);
    const indexed = await hub.county.dataSource.query(
      `SELECT status, revoked_on FROM holding WHERE department = 'FINANCE' AND certificate_id = ?`,
      [undated.data.revokeFinanceCertificate.id],
    );
    expect(indexed).toEqual([{ status: 'CANCELLED', revoked_on: null }]);
    expect(await Promise.all(dates.map(fin))).toEqual(counted.map((n) => n - 1));

    const dated = await withdraw(', revokedOn: "2025-07-01"');
    expect(dated.data.revokeFinanceCertificate).toMatchObject({ status: 'CANCELLED', revokedOn: '2025-07-01' });
    await sync();
    expect(await Promise.all(dates.map(fin))).toEqual([counted[0], counted[1], counted[2] - 1, counted[3] - 1]);
    const raws = await raw();
    for (const asOf of dates) expect((await progress(asOf)).certificateHolders.value).toBe(bruteForce(raws, asOf).holders);
  });

  it('rejects a malformed as-of date', async () => {
    const res = await hub.query('{ countyProgress(asOf: "2025-02-30") { asOf } }');
    expect(res.data?.countyProgress).toBeFalsy();
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'BAD_DATE' });
    expect(res.errors?.[0].message).toContain('2025-02-30');
  });

  it('uses department slugs that match the vocabulary', () => {
    for (const slug of slugs) expect(departmentSlug[hub.subgraphs[slug].definition.code]).toBe(slug);
  });
});

describe('a revoked certificate recorded again', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub({});
  }, 120_000);
  afterAll(() => hub?.stop());

  it('stays revoked: re-recording the old data does not undo a revocation', async () => {
    const input = {
      idNumber: '410928198512310028',
      name: '撤销后重录',
      township: '城关镇',
      kind: 'SKILL_LEVEL',
      level: 'LEVEL_4',
      occupation: '焊工',
      certificateNumber: 'REVOKED-AGAIN-1',
      issuingBody: '鉴定中心',
      issuedOn: '2023-01-01',
    };
    const record = 'mutation($i: HrssCertificateInput!) { recordHrssCertificate(input: $i) { status revokedOn } }';
    expect((await hub.query(record, { i: input })).data.recordHrssCertificate.status).toBe('VALID');
    await hub.query(
      'mutation { revokeHrssCertificate(certificateNumber: "REVOKED-AGAIN-1", revokedOn: "2024-01-01", reason: "材料不实") { status } }',
    );
    const again = await hub.query(record, { i: { ...input, issuingBody: '鉴定中心（更正）' } });
    expect(again.data.recordHrssCertificate).toEqual({ status: 'REVOKED', revokedOn: '2024-01-01' });
  });
});
