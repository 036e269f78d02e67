import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';

export interface CompetitionRow {
  id: number;
  code: string;
  name: string;
  tier: string;
  organizer: string;
  startDate: string;
  endDate: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface CompetitionEntryRow {
  id: number;
  competitionId: number;
  occupationCode: string;
  personId: string;
  rank: number | null;
  award: string | null;
  certificateDepartment: string | null;
  certificateId: string | null;
  certificateIssuedOn: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface CompetitionYearCounts {
  events: number;
  occupations: number;
  contestants: number;
  contestantsCertified: number;
}

const competitionRow = (r: CompetitionRow): CompetitionRow => ({ ...r, id: Number(r.id) });
const entryRow = (r: CompetitionEntryRow): CompetitionEntryRow => ({
  ...r,
  id: Number(r.id),
  competitionId: Number(r.competitionId),
  rank: r.rank === null ? null : Number(r.rank),
});

/** All SQL of skills competitions. */
export class CompetitionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async byCode(code: string, manager?: EntityManager): Promise<CompetitionRow | null> {
    const row = await (manager ?? this.dataSource.manager).getRepository<CompetitionRow>('Competition').findOneBy({ code });
    return row ? competitionRow(row) : null;
  }

  /** Inserts or updates a competition by code and replaces its occupations. */
  async save(
    manager: EntityManager,
    competition: Omit<CompetitionRow, 'id' | 'createdAt' | 'updatedAt'>,
    occupationCodes: string[],
  ): Promise<number> {
    const now = new Date().toISOString();
    const existing = await this.byCode(competition.code, manager);
    let id: number;
    if (existing) {
      id = existing.id;
      await manager.update(
        'Competition',
        { id },
        {
          name: competition.name,
          tier: competition.tier,
          organizer: competition.organizer,
          startDate: competition.startDate,
          endDate: competition.endDate,
          updatedAt: now,
        },
      );
      await manager.delete('CompetitionOccupation', { competitionId: id });
    } else {
      const result = await manager.insert('Competition', { ...competition, createdAt: now, updatedAt: now });
      id = Number(result.identifiers[0].id);
    }
    await manager.insert(
      'CompetitionOccupation',
      occupationCodes.map((occupationCode) => ({ competitionId: id, occupationCode })),
    );
    return id;
  }

  async inYear(year: number): Promise<CompetitionRow[]> {
    const rows = await this.dataSource
      .getRepository<CompetitionRow>('Competition')
      .createQueryBuilder('c')
      .where('c.start_date >= :from AND c.start_date <= :to', { from: `${year}-01-01`, to: `${year}-12-31` })
      .orderBy('c.start_date', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
    return rows.map(competitionRow);
  }

  async occupationsOf(competitionIds: readonly number[]): Promise<{ competitionId: number; occupationCode: string }[]> {
    if (!competitionIds.length) return [];
    const rows = await this.dataSource
      .getRepository<{ competitionId: number; occupationCode: string }>('CompetitionOccupation')
      .find({ where: { competitionId: In([...competitionIds]) }, order: { occupationCode: 'ASC' } });
    return rows.map((r) => ({ competitionId: Number(r.competitionId), occupationCode: r.occupationCode }));
  }

  async entriesOf(competitionIds: readonly number[]): Promise<CompetitionEntryRow[]> {
    if (!competitionIds.length) return [];
    const rows = await this.dataSource
      .getRepository<CompetitionEntryRow>('CompetitionEntry')
      .find({ where: { competitionId: In([...competitionIds]) }, order: { id: 'ASC' } });
    return rows.map(entryRow);
  }

  async entry(
    competitionId: number,
    occupationCode: string,
    personId: string,
    manager?: EntityManager,
  ): Promise<CompetitionEntryRow | null> {
    const row = await (manager ?? this.dataSource.manager)
      .getRepository<CompetitionEntryRow>('CompetitionEntry')
      .findOneBy({ competitionId, occupationCode, personId });
    return row ? entryRow(row) : null;
  }

  async insertEntry(manager: EntityManager, entry: Omit<CompetitionEntryRow, 'id' | 'createdAt' | 'updatedAt'>): Promise<void> {
    const now = new Date().toISOString();
    await manager.insert('CompetitionEntry', { ...entry, createdAt: now, updatedAt: now });
  }

  async updateResult(
    manager: EntityManager,
    id: number,
    result: Pick<CompetitionEntryRow, 'rank' | 'award' | 'certificateDepartment' | 'certificateId' | 'certificateIssuedOn'>,
  ): Promise<void> {
    await manager.update('CompetitionEntry', { id }, { ...result, updatedAt: new Date().toISOString() });
  }

  /** A year's figures: competitions started in it, distinct occupations, contestants, and contestants with a certificate earned. */
  async yearCounts(year: number): Promise<CompetitionYearCounts> {
    const range = [`${year}-01-01`, `${year}-12-31`];
    const [events] = await this.dataSource.query<{ n: number | string }[]>(
      `SELECT COUNT(*) AS n FROM competition WHERE start_date >= ? AND start_date <= ?`,
      range,
    );
    const [occupations] = await this.dataSource.query<{ n: number | string }[]>(
      `SELECT COUNT(DISTINCT o.occupation_code) AS n FROM competition_occupation o JOIN competition c ON c.id = o.competition_id
       WHERE c.start_date >= ? AND c.start_date <= ?`,
      range,
    );
    const [contestants] = await this.dataSource.query<{ n: number | string; certified: number | string | null }[]>(
      `SELECT COUNT(DISTINCT e.person_id) AS n, COUNT(DISTINCT CASE WHEN e.certificate_id IS NOT NULL THEN e.person_id END) AS certified
       FROM competition_entry e JOIN competition c ON c.id = e.competition_id WHERE c.start_date >= ? AND c.start_date <= ?`,
      range,
    );
    return {
      events: Number(events.n),
      occupations: Number(occupations.n),
      contestants: Number(contestants.n),
      contestantsCertified: Number(contestants.certified ?? 0),
    };
  }
}
