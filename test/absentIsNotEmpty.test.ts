import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeIdNumber } from '@hub/identity';
import { importFile } from '@hub/intake';
import { startHub, TestHub } from './fixtures/startHub';

const RECORD_TRAINING = `mutation($input: EducationTrainingInput!) { recordEducationTraining(input: $input) { id } }`;
const RECORD_CERTIFICATE = `mutation($input: EducationCertificateInput!) { recordEducationCertificate(input: $input) { id validUntil } }`;
const TOWNSHIP = `query($id: String!) { person(idNumber: $id) { township { name } education { person { township { name } } } } }`;

const training = (idNumber: string, programme: string, extra: Record<string, unknown> = {}) => ({
  idNumber,
  name: '王静',
  programme,
  channel: 'SCHOOL_PUBLIC',
  targetGroup: 'STUDENT',
  provider: '濮阳县职业教育中心',
  startDate: '2024-03-01',
  outcome: 'COMPLETED',
  ...extra,
});

describe('absent is not empty: a write that leaves an optional field out keeps the stored value', () => {
  let hub: TestHub;
  let dir: string;

  beforeAll(async () => {
    hub = await startHub({ persons: 0 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-absent-'));
  });

  afterAll(async () => {
    await hub?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const townshipOf = async (idNumber: string) => {
    await hub.county.services.sync.syncAll();
    const res = await hub.query(TOWNSHIP, { id: idNumber });
    expect(res.errors).toBeUndefined();
    // The department's copy and the county master (what the township figures count) agree.
    const own = res.data.person.education.person.township?.name ?? null;
    expect(res.data.person.township?.name ?? null).toBe(own);
    return own;
  };

  describe('through the gateway', () => {
    const idNumber = makeIdNumber('410928', '1990-05-05', 71);

    it('keeps the township when a training is recorded without one, and clears it only on an explicit null', async () => {
      expect(
        (await hub.query(RECORD_TRAINING, { input: training(idNumber, '2024年电工培训', { township: '城关镇' }) })).errors,
      ).toBeUndefined();
      expect(await townshipOf(idNumber)).toBe('城关镇');

      expect((await hub.query(RECORD_TRAINING, { input: training(idNumber, '2024年焊工培训') })).errors).toBeUndefined();
      expect(await townshipOf(idNumber)).toBe('城关镇');

      expect(
        (await hub.query(RECORD_TRAINING, { input: training(idNumber, '2024年焊工培训', { township: null }) })).errors,
      ).toBeUndefined();
      expect(await townshipOf(idNumber)).toBeNull();
    });

    it('keeps a certificate’s validUntil when it is recorded again without one', async () => {
      const certificate = {
        idNumber,
        name: '王静',
        kind: 'SKILL_LEVEL',
        level: 'LEVEL_4',
        occupation: '电工',
        certificateNumber: 'ABSENT-0001',
        issuingBody: '濮阳县职业教育中心',
        issuedOn: '2024-01-10',
      };
      expect((await hub.query(RECORD_CERTIFICATE, { input: { ...certificate, validUntil: '2029-01-10' } })).errors).toBeUndefined();
      const again = await hub.query(RECORD_CERTIFICATE, { input: certificate });
      expect(again.errors).toBeUndefined();
      expect(again.data.recordEducationCertificate.validUntil).toBe('2029-01-10');
      const cleared = await hub.query(RECORD_CERTIFICATE, { input: { ...certificate, validUntil: null } });
      expect(cleared.data.recordEducationCertificate.validUntil).toBeNull();
    });

    it('still refuses an unknown township (a given value is checked, not ignored)', async () => {
      const res = await hub.query(RECORD_TRAINING, { input: training(idNumber, '2024年钳工培训', { township: '不存在乡' }) });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toContain('不是濮阳县的乡镇');
    });
  });

  describe('through a spreadsheet import', () => {
    const idNumber = makeIdNumber('410928', '1988-08-08', 52);
    const write = (name: string, lines: string[]) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
      return file;
    };
    const header = '姓名,身份证号,培训项目,培训渠道,培训对象,培训机构,开始日期,是否结业';
    const row = (programme: string) => `赵敏,${idNumber},${programme},学校,在校学生,县职教中心,2024-05-01,是`;

    it('keeps the township when the sheet has no township column, or an empty cell, and clears it on （清空）', async () => {
      const first = await importFile(
        hub.subgraphs.education,
        { path: write('a.csv', [`乡镇,${header}`, `梁庄镇,${row('数控车工培训')}`]) },
        { env: hub.env },
      );
      expect(first).toMatchObject({ accepted: 1, rejected: 0 });
      expect(await townshipOf(idNumber)).toBe('梁庄镇');

      const noColumn = await importFile(hub.subgraphs.education, { path: write('b.csv', [header, row('电工培训')]) }, { env: hub.env });
      expect(noColumn).toMatchObject({ accepted: 1, rejected: 0 });
      expect(await townshipOf(idNumber)).toBe('梁庄镇');

      const emptyCell = await importFile(
        hub.subgraphs.education,
        { path: write('c.csv', [`乡镇,${header}`, `,${row('焊工培训')}`]) },
        { env: hub.env },
      );
      expect(emptyCell).toMatchObject({ accepted: 1, rejected: 0 });
      expect(await townshipOf(idNumber)).toBe('梁庄镇');

      // An earlier row's township is not undone by a later row of the same person with an empty cell.
      const twoRows = await importFile(
        hub.subgraphs.education,
        { path: write('d.csv', [`乡镇,${header}`, `城关镇,${row('钳工培训')}`, `,${row('车工培训')}`]) },
        { env: hub.env },
      );
      expect(twoRows).toMatchObject({ accepted: 2, rejected: 0 });
      expect(await townshipOf(idNumber)).toBe('城关镇');

      const clear = await importFile(
        hub.subgraphs.education,
        { path: write('e.csv', [`乡镇,${header}`, `（清空）,${row('铣工培训')}`]) },
        { env: hub.env },
      );
      expect(clear).toMatchObject({ accepted: 1, rejected: 0 });
      expect(await townshipOf(idNumber)).toBeNull();
    });

    it('keeps a training’s end date and hours when their cells are empty, and clears them on (清空)', async () => {
      const full = `姓名,身份证号,培训项目,培训渠道,培训对象,培训机构,开始日期,结束日期,课时,是否结业`;
      const base = `赵敏,${idNumber},焊工培训,学校,在校学生,县职教中心,2024-05-01`;
      await importFile(hub.subgraphs.education, { path: write('f.csv', [full, `${base},2024-05-20,40,是`]) }, { env: hub.env });
      await importFile(hub.subgraphs.education, { path: write('g.csv', [full, `${base},,,是`]) }, { env: hub.env });
      const repo = hub.subgraphs.education.repo;
      const find = async () => (await repo.listTrainings({}, { first: 100 })).rows.find((t) => t.programme === '焊工培训')!;
      expect(await find()).toMatchObject({ endDate: '2024-05-20', hours: 40 });
      const cleared = await importFile(
        hub.subgraphs.education,
        { path: write('h.csv', [full, `${base},(清空),（清空）,是`]) },
        { env: hub.env },
      );
      expect(cleared).toMatchObject({ accepted: 1, rejected: 0 });
      expect(await find()).toMatchObject({ endDate: null, hours: null });
    });
  });
});
