import { AnnualTarget } from './AnnualTarget';
import { CertificateCheck } from './CertificateCheck';
import { CountyProgress } from './CountyProgress';
import { DataQuality } from './DataQuality';
import { IndexedCertificate } from './IndexedCertificate';
import { Person } from './Person';
import { ProgressLedger } from './ProgressLedger';
import { setAnnualTarget } from './Mutation/setAnnualTarget';
import { setEmployedPopulation } from './Mutation/setEmployedPopulation';
import { setLedgerInput } from './Mutation/setLedgerInput';
import { syncHolderIndex } from './Mutation/syncHolderIndex';
import { aggregate } from './Query/aggregate';
import { annualTargets } from './Query/annualTargets';
import { auditLog } from './Query/auditLog';
import { countyProgress } from './Query/countyProgress';
import { dataQuality } from './Query/dataQuality';
import { goalProjection } from './Query/goalProjection';
import { holdingsOf } from './Query/holdingsOf';
import { people } from './Query/people';
import { person } from './Query/person';
import { progressLedger } from './Query/progressLedger';
import { trainingInstitutionOutputs } from './Query/trainingInstitutionOutputs';
import { verifyCertificate } from './Query/verifyCertificate';
import type { Resolvers } from '../generated/resolvers';

/** The county service's resolvers: one file per field or type, named after it. */
export const resolvers: Resolvers = {
  Query: {
    person,
    people,
    countyProgress,
    aggregate,
    auditLog,
    dataQuality,
    holdingsOf,
    progressLedger,
    annualTargets,
    goalProjection,
    verifyCertificate,
    trainingInstitutionOutputs,
  },
  Mutation: { syncHolderIndex, setEmployedPopulation, setLedgerInput, setAnnualTarget },
  Person,
  AnnualTarget,
  CertificateCheck,
  CountyProgress,
  DataQuality,
  IndexedCertificate,
  ProgressLedger,
};
