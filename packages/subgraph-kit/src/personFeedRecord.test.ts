import { personFeedRecord } from './personFeedRecord';

const current = {
  personId: 'p1',
  idNumberMasked: '410928************',
  name: '王小丽',
  sex: 'FEMALE',
  birthYear: 1985,
  townshipCode: '410928100',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('personFeedRecord', () => {
  test('keeps what the index needs from a stored person row and drops the date and the sealed number', () => {
    const row = {
      ...current,
      birthYear: undefined,
      birthDate: '1985-12-31',
      idNumberSealed: 'v2.1.secret',
      idNumberMasked: '410928********0028',
    };
    const record = personFeedRecord(row);
    expect(record).toEqual(current);
    expect(JSON.stringify(record)).not.toMatch(/1985-12-31|secret|0028/);
  });

  test('serves a payload already in the current form unchanged', () => {
    expect(personFeedRecord(current)).toEqual(current);
  });

  test.each([
    ['no birth date', { birthDate: undefined, birthYear: undefined }],
    ['a malformed birth date', { birthDate: 'unknown', birthYear: undefined }],
  ])('gives a null birth year for %s', (_label, change) => {
    expect(personFeedRecord({ ...current, ...change }).birthYear).toBeNull();
  });

  test('masks fully what it cannot trust', () => {
    expect(personFeedRecord({ ...current, idNumberMasked: '41092819851231002' }).idNumberMasked).toBe('******');
    expect(personFeedRecord({ ...current, idNumberMasked: null }).idNumberMasked).toBe('******');
  });
});
