import { remaskIdNumber } from '@hub/identity';

/**
 * What a department's change feed says of a person: what the county index and its conflict lists need
 * (name, sex, township, the current mask, the birth year) and nothing more, never the birth date or the
 * ID number, sealed or not (个人信息保护法 第六条, minimum necessary).
 */
export interface PersonFeedRecord {
  personId: string;
  idNumberMasked: string;
  name: string;
  sex: string;
  birthYear: number | null;
  townshipCode: string | null;
  updatedAt: string | null;
}

const YEAR = /^\d{4}/;

/**
 * The feed's view of a person record, from a stored person row or from a payload written by any earlier
 * version (which carried the full birth date and the older mask): applied when a payload is written and
 * again when it is served.
 */
export function personFeedRecord(record: Record<string, unknown>): PersonFeedRecord {
  const year = typeof record.birthYear === 'number' ? String(record.birthYear) : String(record.birthDate ?? '');
  return {
    personId: String(record.personId),
    idNumberMasked: remaskIdNumber(record.idNumberMasked as string | undefined),
    name: String(record.name ?? ''),
    sex: String(record.sex ?? ''),
    birthYear: YEAR.test(year) ? Number(year.slice(0, 4)) : null,
    townshipCode: typeof record.townshipCode === 'string' ? record.townshipCode : null,
    updatedAt: typeof record.updatedAt === 'string' ? record.updatedAt : null,
  };
}
