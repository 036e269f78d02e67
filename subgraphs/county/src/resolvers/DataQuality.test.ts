import type { PersonCopyRow } from '../repositories/DataQualityRepository';
import { disagreeingFields } from './DataQuality';

const copy = (department: PersonCopyRow['department'], fields: Partial<PersonCopyRow> = {}): PersonCopyRow => ({
  personId: 'p',
  department,
  name: '张三',
  idNumberMasked: '410928********123X',
  sex: 'MALE',
  birthYear: 1985,
  townshipCode: '410928100',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...fields,
});

describe('disagreeingFields', () => {
  it('names each field two departments give different values for', () => {
    expect(disagreeingFields([copy('HRSS'), copy('EDUCATION', { name: '张叁', townshipCode: '410928101' })])).toEqual(['NAME', 'TOWNSHIP']);
    expect(disagreeingFields([copy('HRSS'), copy('VETERANS', { sex: 'FEMALE', birthYear: 1986 })])).toEqual(['SEX', 'BIRTH_YEAR']);
  });

  it('does not count a value a department does not know, nor a birth year a department does not give', () => {
    expect(disagreeingFields([copy('HRSS'), copy('AGRICULTURE', { townshipCode: null }), copy('FINANCE', { birthYear: null })])).toEqual(
      [],
    );
    expect(disagreeingFields([copy('HRSS')])).toEqual([]);
  });
});
