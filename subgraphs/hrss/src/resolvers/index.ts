import { Competition, CompetitionContestant } from './Competition';
import { Enterprise } from './Enterprise';
import { HrssTraining } from './HrssTraining';
import { EvaluationInstitution, InstitutionEvent } from './EvaluationInstitution';
import { TrainingInstitution } from './TrainingInstitution';
import { TrainingVoucher } from './TrainingVoucher';
import { admitEvaluationInstitution } from './Mutation/admitEvaluationInstitution';
import { certifyTrainingVoucher } from './Mutation/certifyTrainingVoucher';
import { correctEnterprise } from './Mutation/correctEnterprise';
import { completeVoucherTraining } from './Mutation/completeVoucherTraining';
import { enterCompetition } from './Mutation/enterCompetition';
import { evaluateTrainingVoucher } from './Mutation/evaluateTrainingVoucher';
import { exitEvaluationInstitution } from './Mutation/exitEvaluationInstitution';
import { issueTrainingVoucher } from './Mutation/issueTrainingVoucher';
import { recordCompetition } from './Mutation/recordCompetition';
import { recordCompetitionResult } from './Mutation/recordCompetitionResult';
import { registerEnterprise } from './Mutation/registerEnterprise';
import { redeemTrainingVoucher } from './Mutation/redeemTrainingVoucher';
import { registerTrainingVoucher } from './Mutation/registerTrainingVoucher';
import { reinstateEvaluationInstitution } from './Mutation/reinstateEvaluationInstitution';
import { selectTrainingInstitution } from './Mutation/selectTrainingInstitution';
import { suspendEvaluationInstitution } from './Mutation/suspendEvaluationInstitution';
import { withdrawTrainingInstitution } from './Mutation/withdrawTrainingInstitution';
import { competitionFigures } from './Query/competitionFigures';
import { competitions } from './Query/competitions';
import { enterprise } from './Query/enterprise';
import { enterprises } from './Query/enterprises';
import { evaluationInstitutionCounts } from './Query/evaluationInstitutionCounts';
import { evaluationInstitutionOnCatalogue } from './Query/evaluationInstitutionOnCatalogue';
import { evaluationInstitutions } from './Query/evaluationInstitutions';
import { trainingInstitutionDecisions } from './Query/trainingInstitutionDecisions';
import { trainingInstitutions } from './Query/trainingInstitutions';
import { trainingInstitutionYear } from './Query/trainingInstitutionYear';
import { trainingVoucher } from './Query/trainingVoucher';
import { trainingVouchers } from './Query/trainingVouchers';
import { trainingVoucherSummary } from './Query/trainingVoucherSummary';
import type { Resolvers } from '../generated/resolvers';

/** hrss's own resolvers (its records' extra fields, the programmes of plan 4, 7, 8, 12-16), merged over the kit's department resolvers. */
export const resolvers: Resolvers = {
  Query: {
    trainingVoucher,
    trainingVouchers,
    trainingVoucherSummary,
    evaluationInstitutions,
    evaluationInstitutionOnCatalogue,
    evaluationInstitutionCounts,
    competitions,
    competitionFigures,
    enterprises,
    enterprise,
    trainingInstitutions,
    trainingInstitutionDecisions,
    trainingInstitutionYear,
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
    registerEnterprise,
    correctEnterprise,
    selectTrainingInstitution,
    withdrawTrainingInstitution,
  },
  TrainingVoucher,
  TrainingInstitution,
  Enterprise,
  EvaluationInstitution,
  InstitutionEvent,
  Competition,
  CompetitionContestant,
  HrssTraining,
};
