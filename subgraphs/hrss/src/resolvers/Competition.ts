import { demand, programmeAccess } from '@hub/auth';
import { occupationByCode } from '@hub/vocabulary';
import type { HrssContext } from '../HrssContext';
import type { CompetitionEntryRow, CompetitionRow } from '../programmes/repositories/CompetitionRepository';

const occupation = (code: string) => occupationByCode(code) ?? { code, name: code };

export const Competition = {
  id: (c: CompetitionRow) => String(c.id),
  occupations: async (c: CompetitionRow, _: unknown, ctx: HrssContext) =>
    (await ctx.programmeLoaders.competitionOccupations.load(c.id)).map(occupation),
  /** Distinct contestants, through the caller's disclosure control (exact for the county administrator). */
  contestantCount: async (c: CompetitionRow, _: unknown, ctx: HrssContext) =>
    ctx.disclosure().persons((await ctx.programmeLoaders.competitionEntries.load(c.id)).map((e) => e.personId)),
  contestants: (c: CompetitionRow, _: unknown, ctx: HrssContext) => {
    demand(programmeAccess.readRecords(ctx.principal), ctx.principal, '查看参赛选手名单');
    return ctx.programmeLoaders.competitionEntries.load(c.id);
  },
};

export const CompetitionContestant = {
  id: (e: CompetitionEntryRow) => String(e.id),
  person: (e: CompetitionEntryRow) => ({ id: e.personId }),
  occupation: (e: CompetitionEntryRow) => occupation(e.occupationCode),
  // The county service fills in the rest of the certificate (IndexedCertificate is its entity).
  certificate: (e: CompetitionEntryRow) =>
    e.certificateDepartment && e.certificateId ? { department: e.certificateDepartment, certificateId: e.certificateId } : null,
};
