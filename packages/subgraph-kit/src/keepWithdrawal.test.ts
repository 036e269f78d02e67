import type { CertificateFields, CertificateRecord } from './coreTables';
import { keepWithdrawal, NewCertificate } from './CoreRepository';

const incoming: NewCertificate = {
  personId: 'p1',
  kind: 'PROFESSIONAL_TITLE',
  talentCategory: 'PROFESSIONAL_TECHNICAL',
  occupationCode: null,
  level: null,
  grade: 'TITLE_INTERMEDIATE',
  gradeWritten: '中级',
  certificateNumber: 'K-1',
  issuingBody: '财政厅',
  issuedOn: '2023-01-01',
  validUntil: null,
  status: 'VALID',
  revokedOn: null,
  revokeReason: null,
};
// Every field is given above, so the incoming record is a whole stored record's fields.
const stored = (fields: Partial<CertificateRecord>): CertificateRecord => ({
  ...(incoming as CertificateFields),
  id: 1,
  createdAt: '',
  updatedAt: '',
  ...fields,
});

describe('keepWithdrawal', () => {
  it('takes the incoming record when nothing is stored or the stored one is valid', () => {
    expect(keepWithdrawal(undefined, incoming)).toBe(incoming);
    expect(keepWithdrawal(stored({}), { ...incoming, status: 'CANCELLED' })).toEqual({ ...incoming, status: 'CANCELLED' });
  });

  it.each(['REVOKED', 'CANCELLED'] as const)(
    'keeps a stored %s withdrawal, with or without its date, against a record marked valid',
    (status) => {
      for (const revokedOn of ['2024-01-01', null]) {
        expect(keepWithdrawal(stored({ status, revokedOn, revokeReason: '材料不实' }), { ...incoming, issuingBody: '更正' })).toEqual({
          ...incoming,
          issuingBody: '更正',
          status,
          revokedOn,
          revokeReason: '材料不实',
        });
      }
    },
  );

  it('keeps a known date against a withdrawal without one, and takes a date supplied for a withdrawal without one', () => {
    expect(
      keepWithdrawal(stored({ status: 'REVOKED', revokedOn: '2024-01-01' }), { ...incoming, status: 'CANCELLED', revokedOn: null }),
    ).toMatchObject({ status: 'CANCELLED', revokedOn: '2024-01-01' });
    expect(
      keepWithdrawal(stored({ status: 'REVOKED', revokedOn: null }), { ...incoming, status: 'REVOKED', revokedOn: '2024-03-01' }),
    ).toMatchObject({ status: 'REVOKED', revokedOn: '2024-03-01' });
  });
});
