import { makeIdNumber } from '@hub/identity';
import type { Principal } from '@hub/auth';
import { planTargets } from '@hub/vocabulary';
import { startHub, TestHub } from './fixtures/startHub';

const WELDER = '6-18-02-04';
const ELECTRICIAN = '6-31-01-03';
const analyst: Principal = { subject: 'analyst-li', role: 'ANALYST' };
const dashboard: Principal = { subject: 'big-screen', role: 'DASHBOARD' };

type Res = { errors?: { message: string; extensions?: Record<string, unknown> }[]; data?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test payloads are ad hoc
const reason = (res: Res) => res.errors?.[0]?.extensions?.reason;
const code = (res: Res) => res.errors?.[0]?.extensions?.code;

let sequence = 500;
const newPerson = (name: string) => ({ idNumber: makeIdNumber('410928', '2001-02-03', sequence++), name, township: '梨园乡' });

describe('the evaluation-institution catalogue (plan 4) and skills competitions (plan 12-14)', () => {
  let hub: TestHub;

  const ok = async (query: string, variables?: Record<string, unknown>) => {
    const res = await hub.query(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data;
  };
  const change = (verb: string, code: string, effectiveOn: string, reason: string, name?: string) =>
    hub.query(
      `mutation($c: String!, $d: Date!, $r: String!${name ? ', $n: String' : ''}) { ${verb}EvaluationInstitution(code: $c, effectiveOn: $d, reason: $r${name ? ', name: $n' : ''}) { code name status statusSince } }`,
      {
        c: code,
        d: effectiveOn,
        r: reason,
        ...(name ? { n: name } : {}),
      },
    );
  const catalogue = async (asOf: string, includeInactive = false) =>
    (
      await ok('query($d: Date, $all: Boolean) { evaluationInstitutions(asOf: $d, includeInactive: $all) { code status statusSince } }', {
        d: asOf,
        all: includeInactive,
      })
    ).evaluationInstitutions as { code: string; status: string; statusSince: string }[];
  const codes = async (asOf: string) => (await catalogue(asOf)).map((i) => i.code).sort();

  beforeAll(async () => {
    hub = await startHub({ persons: 0 });
  }, 180_000);

  afterAll(() => hub?.stop());

  describe('catalogue', () => {
    it('admits, suspends, reinstates and exits with reason and date, and answers the catalogue as of any date', async () => {
      expect((await change('admit', 'ml-a', '2022-03-01', '首批备案', '濮阳县职业技能鉴定中心')).data.admitEvaluationInstitution).toEqual({
        code: 'ML-A',
        name: '濮阳县职业技能鉴定中心',
        status: 'ADMITTED',
        statusSince: '2022-03-01',
      });
      await change('admit', 'ML-B', '2022-06-01', '首批备案', '县技工学校评价站');
      expect((await change('suspend', 'ML-A', '2023-05-10', '评价质量抽查不合格')).data.suspendEvaluationInstitution.status).toBe(
        'SUSPENDED',
      );
      await change('reinstate', 'ML-A', '2023-08-01', '整改验收合格');
      expect((await change('exit', 'ML-B', '2024-01-15', '申请退出')).data.exitEvaluationInstitution.status).toBe('EXITED');

      expect(await codes('2022-02-28')).toEqual([]);
      expect(await codes('2022-12-31')).toEqual(['ML-A', 'ML-B']);
      expect(await codes('2023-06-30')).toEqual(['ML-B']);
      expect(await codes('2023-12-31')).toEqual(['ML-A', 'ML-B']);
      expect(await codes('2024-01-15')).toEqual(['ML-A']);
      expect(await catalogue('2024-06-30', true)).toEqual(
        expect.arrayContaining([
          { code: 'ML-A', status: 'ADMITTED', statusSince: '2023-08-01' },
          { code: 'ML-B', status: 'EXITED', statusSince: '2024-01-15' },
        ]),
      );
      const history = (
        await ok('{ evaluationInstitutions(asOf: "2024-06-30") { code events { action status effectiveOn reason actor actorRole } } }')
      ).evaluationInstitutions[0];
      expect(history.events.map((e: { action: string }) => e.action)).toEqual(['ADMIT', 'SUSPEND', 'REINSTATE']);
      expect(history.events[1]).toMatchObject({
        status: 'SUSPENDED',
        effectiveOn: '2023-05-10',
        reason: '评价质量抽查不合格',
        actor: 'test-admin',
        actorRole: 'COUNTY_ADMIN',
      });
    });

    it('answers whether an institution was on the catalogue on a date', async () => {
      const on = async (c: string, d: string) =>
        (await ok('query($c: String!, $d: Date!) { evaluationInstitutionOnCatalogue(code: $c, date: $d) }', { c, d }))
          .evaluationInstitutionOnCatalogue;
      expect(await on('ML-A', '2022-03-01')).toBe(true);
      expect(await on('ML-A', '2023-06-01')).toBe(false);
      expect(await on('ml-a', '2023-08-01')).toBe(true);
      expect(await on('ML-B', '2024-02-01')).toBe(false);
      expect(await on('NOBODY', '2024-02-01')).toBe(false);
    });

    it.each([
      ['suspend an institution that has exited', 'suspend', 'ML-B', '2024-03-01', 'INSTITUTION_NOT_ADMITTED'],
      ['reinstate an institution that is not suspended', 'reinstate', 'ML-A', '2024-03-01', 'INSTITUTION_NOT_SUSPENDED'],
      ['admit an institution already on the catalogue', 'admit', 'ML-A', '2024-03-01', 'INSTITUTION_ALREADY_ON_CATALOGUE'],
      ['exit an institution that has exited', 'exit', 'ML-B', '2024-03-01', 'INSTITUTION_NOT_ON_CATALOGUE'],
      ['suspend an institution never admitted', 'suspend', 'ML-NONE', '2024-03-01', 'INSTITUTION_NOT_FOUND'],
      ['record a change dated before the last one', 'suspend', 'ML-A', '2023-01-01', 'EVENT_BEFORE_LAST'],
    ])('refuses to %s', async (_name, verb, c, date, expected) => {
      const res = await change(verb, c, date, '测试');
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(reason(res)).toBe(expected);
    });

    it('refuses a change without a reason, and a new institution without a name', async () => {
      expect(reason(await change('suspend', 'ML-A', '2024-03-01', '  '))).toBe('REQUIRED');
      expect(reason(await change('admit', 'ML-NEW', '2024-03-01', '备案'))).toBe('REQUIRED');
    });

    it('changes nothing when the same decision with the same date is recorded again', async () => {
      const again = await change('exit', 'ML-B', '2024-01-15', '申请退出');
      expect(again.errors).toBeUndefined();
      expect(again.data.exitEvaluationInstitution).toMatchObject({ status: 'EXITED', statusSince: '2024-01-15' });
      const events = (await ok('{ evaluationInstitutions(includeInactive: true) { code events { action } } }')).evaluationInstitutions.find(
        (i: { code: string }) => i.code === 'ML-B',
      ).events;
      expect(events).toHaveLength(2);
    });

    it('re-admits an institution that exited, with a new admission event', async () => {
      expect((await change('admit', 'ML-B', '2025-02-01', '重新申请备案通过')).data.admitEvaluationInstitution).toMatchObject({
        status: 'ADMITTED',
        name: '县技工学校评价站',
      });
      expect(await codes('2025-02-01')).toEqual(['ML-A', 'ML-B']);
    });

    it('counts institutions on the catalogue at each year end against the milestones 16 (2022) and 50 (2025)', async () => {
      for (let i = 1; i <= 14; i++) await change('admit', `ML-X${i}`, '2022-11-01', '备案', `评价机构${i}`);
      const counts = (await ok('{ evaluationInstitutionCounts { year onCatalogue admitted suspended exited target ratio } }'))
        .evaluationInstitutionCounts;
      const year = (y: number) => counts.find((c: { year: number }) => c.year === y);
      const milestones = planTargets().milestones.filter((m) => m.key === 'evaluationInstitutions');
      expect(year(2022)).toEqual({
        year: 2022,
        onCatalogue: 16,
        admitted: 16,
        suspended: 0,
        exited: 0,
        target: milestones.find((m) => m.year === 2022)!.target,
        ratio: 1,
      });
      expect(year(2023)).toMatchObject({ onCatalogue: 16, suspended: 1, target: null, ratio: null });
      expect(year(2024)).toMatchObject({ onCatalogue: 15, exited: 1 });
      expect(year(2025)).toMatchObject({ onCatalogue: 16, admitted: 1, target: 50, ratio: 16 / 50 });
    });

    it('lets analysts and dashboards read the catalogue but not change it', async () => {
      expect((await hub.queryAs(dashboard, '{ evaluationInstitutionCounts { year onCatalogue } }')).body.errors).toBeUndefined();
      expect((await hub.queryAs(analyst, '{ evaluationInstitutions { code } }')).body.errors).toBeUndefined();
      const res = await hub.queryAs(
        analyst,
        'mutation { suspendEvaluationInstitution(code: "ML-A", effectiveOn: "2025-03-01", reason: "x") { code } }',
      );
      expect(code(res.body)).toBe('FORBIDDEN');
    });
  });

  describe('competitions', () => {
    const record = (code: string, startDate: string, occupations: string[]) =>
      hub.query(
        'mutation($i: CompetitionInput!) { recordCompetition(input: $i) { id code startDate occupations { code } contestantCount } }',
        {
          i: {
            code,
            name: `濮阳县职业技能大赛 ${code}`,
            tier: 'COUNTY',
            organizer: '县人社局',
            startDate,
            endDate: startDate,
            occupations,
          },
        },
      );
    const enter = (competition: string, person: { idNumber: string; name: string }, occupation: string) =>
      hub.query(
        'mutation($c: String!, $i: CompetitionContestantInput!) { enterCompetition(competitionCode: $c, input: $i) { id occupation { code } person { id } } }',
        {
          c: competition,
          i: { ...person, occupation },
        },
      );
    const result = (competition: string, person: { idNumber: string }, occupation: string, extra: Record<string, unknown>) =>
      hub.query(
        'mutation($c: String!, $i: CompetitionResultInput!) { recordCompetitionResult(competitionCode: $c, input: $i) { rank award certificate { department certificateId kind } } }',
        {
          c: competition,
          i: { idNumber: person.idNumber, occupation, ...extra },
        },
      );
    const certificate = async (person: { idNumber: string; name: string }, number: string, extra: Record<string, unknown> = {}) =>
      (
        await ok('mutation($i: HrssCertificateInput!) { recordHrssCertificate(input: $i) { id } }', {
          i: {
            ...person,
            kind: 'SKILL_LEVEL',
            level: 'LEVEL_3',
            occupation: WELDER,
            certificateNumber: number,
            issuingBody: '大赛组委会',
            issuedOn: '2025-05-20',
            ...extra,
          },
        })
      ).recordHrssCertificate.id as string;

    it('records events, occupations, contestants, results, awards and the certificates earned, and counts the year against 10 occupations, 5 events and 30 certified', async () => {
      expect((await record('DS-2025-1', '2025-05-10', ['焊工', ELECTRICIAN])).data.recordCompetition).toMatchObject({
        occupations: [{ code: WELDER }, { code: ELECTRICIAN }],
      });
      await record('DS-2025-2', '2025-09-10', [WELDER, '4-10-01-05']);
      const winner = newPerson('金牌');
      const runnerUp = newPerson('银牌');
      expect((await enter('DS-2025-1', winner, WELDER)).errors).toBeUndefined();
      await enter('DS-2025-1', runnerUp, WELDER);
      await enter('DS-2025-2', winner, WELDER);
      // Entering again changes nothing.
      expect((await enter('DS-2025-1', winner, WELDER)).data.enterCompetition.id).toBe(
        (await enter('DS-2025-1', winner, WELDER)).data.enterCompetition.id,
      );
      const earned = await certificate(winner, 'DS-CERT-1');
      await ok('mutation { syncHolderIndex { department } }');
      const first = await result('DS-2025-1', winner, WELDER, {
        rank: 1,
        award: 'FIRST',
        certificate: { department: 'HRSS', certificateId: earned },
      });
      expect(first.data.recordCompetitionResult).toEqual({
        rank: 1,
        award: 'FIRST',
        certificate: { department: 'HRSS', certificateId: earned, kind: 'SKILL_LEVEL' },
      });
      await result('DS-2025-1', runnerUp, WELDER, { rank: 2, award: 'SECOND' });

      const figures = (
        await ok(
          '{ competitionFigures(year: 2025) { year events { key value target ratio } occupations { value target } contestantsCertified { value target } contestants } }',
        )
      ).competitionFigures;
      const annual = Object.fromEntries(planTargets().annualCounts.map((c) => [c.key, c.target]));
      expect(figures).toEqual({
        year: 2025,
        events: { key: 'competitionEvents', value: 2, target: annual.competitionEvents, ratio: 2 / annual.competitionEvents },
        occupations: { value: 3, target: annual.competitionOccupations },
        contestantsCertified: { value: 1, target: annual.competitionCertified },
        contestants: 2,
      });
      const list = (await ok('{ competitions(year: 2025) { code contestantCount contestants { award person { id } } } }')).competitions;
      expect(list.map((c: { code: string; contestantCount: number }) => [c.code, c.contestantCount])).toEqual([
        ['DS-2025-1', 2],
        ['DS-2025-2', 1],
      ]);
    });

    it('refuses a contestant in an occupation the competition does not hold, a result for someone who did not enter, and dropping an occupation with contestants', async () => {
      expect(reason(await enter('DS-2025-1', newPerson('错项'), '4-10-01-05'))).toBe('OCCUPATION_NOT_IN_COMPETITION');
      expect(reason(await record('DS-2025-1', '2025-05-10', [ELECTRICIAN]))).toBe('OCCUPATION_HAS_CONTESTANTS');
      expect(reason(await result('DS-2025-1', newPerson('未报名'), WELDER, { rank: 3 }))).toBe('NOT_A_CONTESTANT');
      expect(code(await enter('DS-NONE', newPerson('无赛'), WELDER))).toBe('NOT_FOUND');
    });

    it('counts only a 职业资格 or 职业技能等级 certificate of the contestant, in the occupation, issued from the competition on', async () => {
      const contestant = newPerson('取证');
      const other = newPerson('他人');
      await enter('DS-2025-2', contestant, WELDER);
      const safety = await certificate(contestant, 'DS-CERT-SAFETY', { kind: 'SPECIAL_OPERATION', level: null, issuedOn: '2025-09-20' });
      const before = await certificate(contestant, 'DS-CERT-BEFORE', { issuedOn: '2025-09-01' });
      const othersCert = await certificate(other, 'DS-CERT-OTHER', { issuedOn: '2025-09-20' });
      const electrician = await certificate(contestant, 'DS-CERT-ELEC', { occupation: ELECTRICIAN, issuedOn: '2025-09-20' });
      await ok('mutation { syncHolderIndex { department } }');
      const ref = (certificateId: string) => ({ certificate: { department: 'HRSS', certificateId } });
      expect(reason(await result('DS-2025-2', contestant, WELDER, ref(safety)))).toBe('CERTIFICATE_WRONG_KIND');
      expect(reason(await result('DS-2025-2', contestant, WELDER, ref(before)))).toBe('CERTIFICATE_BEFORE_COMPETITION');
      expect(reason(await result('DS-2025-2', contestant, WELDER, ref(othersCert)))).toBe('CERTIFICATE_OTHER_PERSON');
      expect(reason(await result('DS-2025-2', contestant, WELDER, ref(electrician)))).toBe('CERTIFICATE_OCCUPATION_MISMATCH');
      expect(
        (await ok('{ competitionFigures(year: 2025) { contestantsCertified { value } } }')).competitionFigures.contestantsCertified.value,
      ).toBe(1);
    });

    it('shows analysts the figures but not the contestants', async () => {
      const figures = await hub.queryAs(
        analyst,
        '{ competitionFigures(year: 2025) { events { value } contestantsCertified { value } contestants } competitions(year: 2025) { contestantCount } }',
      );
      expect(figures.body.errors).toBeUndefined();
      // Counts of persons go through the cell-key method: 1 certified contestant and 2 contestants are never published as 1–4.
      const persons = [
        figures.body.data.competitionFigures.contestantsCertified.value,
        figures.body.data.competitionFigures.contestants,
        ...figures.body.data.competitions.map((c: { contestantCount: number }) => c.contestantCount),
      ];
      expect(persons.filter((n: number) => n >= 1 && n <= 4)).toEqual([]);
      const res = await hub.queryAs(analyst, '{ competitions(year: 2025) { code contestants { person { id } } } }');
      expect(code(res.body)).toBe('FORBIDDEN');
    });
  });
});
