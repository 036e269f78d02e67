import { Competition, CompetitionContestant } from './Competition';
import { EvaluationInstitution, InstitutionEvent } from './EvaluationInstitution';
import { IndexedCertificate } from './IndexedCertificate';
import { ProgressLedger } from './ProgressLedger';
import { TrainingVoucher } from './TrainingVoucher';
import { admitEvaluationInstitution } from './Mutation/admitEvaluationInstitution';
import { certifyTrainingVoucher } from './Mutation/certifyTrainingVoucher';
import { completeVoucherTraining } from './Mutation/completeVoucherTraining';
import { enterCompetition } from './Mutation/enterCompetition';
import { evaluateTrainingVoucher } from './Mutation/evaluateTrainingVoucher';
import { exitEvaluationInstitution } from './Mutation/exitEvaluationInstitution';
import { issueTrainingVoucher } from './Mutation/issueTrainingVoucher';
import { recordCompetition } from './Mutation/recordCompetition';
import { recordCompetitionResult } from './Mutation/recordCompetitionResult';
import { redeemTrainingVoucher } from './Mutation/redeemTrainingVoucher';
import { registerTrainingVoucher } from './Mutation/registerTrainingVoucher';
import { reinstateEvaluationInstitution } from './Mutation/reinstateEvaluationInstitution';
import { setLedgerInput } from './Mutation/setLedgerInput';
import { suspendEvaluationInstitution } from './Mutation/suspendEvaluationInstitution';
import { competitionFigures } from './Query/competitionFigures';
import { competitions } from './Query/competitions';
import { evaluationInstitutionCounts } from './Query/evaluationInstitutionCounts';
import { evaluationInstitutionOnCatalogue } from './Query/evaluationInstitutionOnCatalogue';
import { evaluationInstitutions } from './Query/evaluationInstitutions';
import { holdingsOf } from './Query/holdingsOf';
import { progressLedger } from './Query/progressLedger';
import { trainingVoucher } from './Query/trainingVoucher';
import { trainingVouchers } from './Query/trainingVouchers';
import { trainingVoucherSummary } from './Query/trainingVoucherSummary';

/** The programmes' resolvers (plan 4, 7, 8, 12-16, 三(二)), merged into hrss's own in resolvers/index.ts. */
export const programmeResolvers = {
  Query: {
    trainingVoucher,
    trainingVouchers,
    trainingVoucherSummary,
    holdingsOf,
    evaluationInstitutions,
    evaluationInstitutionOnCatalogue,
    evaluationInstitutionCounts,
    competitions,
    competitionFigures,
    progressLedger,
  },
  Mutation: {
    issueTrainingVoucher,
    registerTrainingVoucher,
    completeVoucherTraining,
    evaluateTrainingVoucher,
    certifyTrainingVoucher,
    redeemTrainingVoucher,
    admitEvaluationInstitution,
    suspendEvaluationInstitution,
    reinstateEvaluationInstitution,
    exitEvaluationInstitution,
    recordCompetition,
    enterCompetition,
    recordCompetitionResult,
    setLedgerInput,
  },
  TrainingVoucher,
  IndexedCertificate,
  EvaluationInstitution,
  InstitutionEvent,
  Competition,
  CompetitionContestant,
  ProgressLedger,
};
