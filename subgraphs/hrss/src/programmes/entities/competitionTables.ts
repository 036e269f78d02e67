import { col, TableSpec } from '@hub/subgraph-kit';

/** 职业技能竞赛 one competition event (赛事活动). */
export const competition: TableSpec = {
  entity: 'Competition',
  table: 'competition',
  columns: {
    id: col.id(),
    code: col.text('code', 32),
    name: col.text('name', 128),
    tier: col.text('tier', 16),
    organizer: col.text('organizer', 128),
    startDate: col.date('start_date'),
    endDate: col.date('end_date'),
    createdBy: col.text('created_by', 128),
    createdAt: col.time('created_at'),
    updatedAt: col.time('updated_at'),
  },
  indices: [
    { name: 'uq_competition_code', columns: ['code'], unique: true },
    { name: 'idx_competition_start', columns: ['startDate'] },
  ],
};

/** 竞赛职业(工种) the occupations a competition is held in. */
export const competitionOccupation: TableSpec = {
  entity: 'CompetitionOccupation',
  table: 'competition_occupation',
  columns: {
    competitionId: { ...col.int('competition_id'), primary: true },
    occupationCode: col.key('occupation_code', 10),
  },
};

/** 参赛选手 one contestant in one occupation of a competition, with result, award and the certificate earned. */
export const competitionEntry: TableSpec = {
  entity: 'CompetitionEntry',
  table: 'competition_entry',
  columns: {
    id: col.id(),
    competitionId: col.int('competition_id'),
    occupationCode: col.text('occupation_code', 10),
    personId: col.text('person_id', 32),
    rank: col.int('rank_no', true),
    award: col.text('award', 12, true),
    certificateDepartment: col.text('certificate_department', 16, true),
    certificateId: col.text('certificate_id', 32, true),
    certificateIssuedOn: col.date('certificate_issued_on', true),
    createdBy: col.text('created_by', 128),
    createdAt: col.time('created_at'),
    updatedAt: col.time('updated_at'),
  },
  indices: [
    { name: 'uq_competition_entry', columns: ['competitionId', 'occupationCode', 'personId'], unique: true },
    { name: 'idx_competition_entry_person', columns: ['personId'] },
  ],
};

export const competitionTables = [competition, competitionOccupation, competitionEntry];
