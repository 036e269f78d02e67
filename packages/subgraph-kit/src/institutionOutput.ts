import { countsOn, type CertificateStatus } from '@hub/vocabulary';
import { addMonths } from './isoDates';

/** 培训成效 what one training institution delivered in a year. */
export interface InstitutionOutput {
  /** 培训人次 trainings it gave that started in the year. */
  trained: number;
  /** 结业人次 of which completed. */
  completed: number;
  /** 取证人次 of which the trainee obtained a certificate (see institutionOutput). */
  certified: number;
  /** 取证率 certified / completed; null when none completed. */
  passRate: number | null;
}

/** A training as the output rule needs it (any department's). */
export interface OutputTraining {
  personId: string;
  occupationCode: string | null;
  startDate: string;
  outcome: string;
}

/** A certificate as the output rule needs it (any department's). */
export interface OutputCertificate {
  personId: string;
  occupationCode: string | null;
  issuedOn: string;
  status: string;
  validUntil: string | null;
  revokedOn: string | null;
}

/** How long after the start of a training a certificate is still counted as its result. */
export const CERTIFIED_WITHIN_MONTHS = 12;

/** certified / completed to four places; null when none completed. */
export function passRate(certified: number, completed: number): number | null {
  return completed ? Math.round((certified / completed) * 10000) / 10000 : null;
}

/**
 * The output rule: a training counts as certified when its trainee holds a certificate (of any department) issued on
 * or after the training's start and within CERTIFIED_WITHIN_MONTHS of it, of the training's occupation when both
 * name one, and valid on the day it was issued (a certificate withdrawn from its issue date, or withdrawn without a
 * date, is no result). Each training is one 人次: a person trained twice counts twice.
 */
export function institutionOutput(trainings: readonly OutputTraining[], certificates: readonly OutputCertificate[]): InstitutionOutput {
  const byPerson = new Map<string, OutputCertificate[]>();
  for (const c of certificates) byPerson.set(c.personId, [...(byPerson.get(c.personId) ?? []), c]);
  let completed = 0;
  let certified = 0;
  for (const t of trainings) {
    if (t.outcome === 'COMPLETED') completed += 1;
    const until = addMonths(t.startDate, CERTIFIED_WITHIN_MONTHS);
    const result = (byPerson.get(t.personId) ?? []).some(
      (c) =>
        c.issuedOn >= t.startDate &&
        c.issuedOn <= until &&
        (t.occupationCode === null || c.occupationCode === null || c.occupationCode === t.occupationCode) &&
        countsOn(
          { status: c.status as CertificateStatus, issuedOn: c.issuedOn, validUntil: c.validUntil, revokedOn: c.revokedOn },
          c.issuedOn,
        ),
    );
    if (result) certified += 1;
  }
  return { trained: trainings.length, completed, certified, passRate: passRate(certified, completed) };
}
