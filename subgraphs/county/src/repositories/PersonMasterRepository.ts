import type { DataSource } from 'typeorm';
import { chunks, countWhenAsked, InQueryCache } from '@hub/subgraph-kit';
import type { Department } from '@hub/vocabulary';

/** The county's view of one person: hrss's copy first, else the latest department's (see IndexWriter). */
export interface PersonMasterRow {
  personId: string;
  name: string;
  idNumberMasked: string;
  sex: string;
  birthYear: number | null;
  townshipCode: string | null;
  /** Comma list of the departments that hold records of the person, e.g. EDUCATION,HRSS. */
  departments: string;
}

/** Reads of the person master: by ids (for loaders) and the people list. */
export class PersonMasterRepository {
  /** Every lookup by ID number reads one master row: its SQL text is built once, not per call. */
  private readonly inQueries: InQueryCache;

  constructor(private readonly dataSource: DataSource) {
    this.inQueries = new InQueryCache(dataSource);
  }

  async byIds(personIds: readonly string[]): Promise<PersonMasterRow[]> {
    const out: PersonMasterRow[] = [];
    for (const part of chunks(personIds, 1000)) {
      out.push(...(await this.inQueries.findIn<PersonMasterRow>('PersonMaster', 'personId', part)));
    }
    return out;
  }

  async page(
    filter: { townshipCode?: string; department?: Department },
    first: number,
    afterPersonId?: string,
  ): Promise<{ rows: PersonMasterRow[]; hasNextPage: boolean; totalCount: () => Promise<number> }> {
    const build = () => {
      const qb = this.dataSource.getRepository<PersonMasterRow>('PersonMaster').createQueryBuilder('m');
      if (filter.townshipCode) qb.andWhere('m.township_code = :township', { township: filter.townshipCode });
      // departments is a comma list such as EDUCATION,HRSS; no department name contains another.
      if (filter.department) qb.andWhere('m.departments LIKE :department', { department: `%${filter.department}%` });
      return qb;
    };
    const totalCount = countWhenAsked(() => build().getCount());
    const qb = build();
    if (afterPersonId) qb.andWhere('m.person_id > :after', { after: afterPersonId });
    const rows = await qb
      .orderBy('m.person_id', 'ASC')
      .limit(first + 1)
      .getMany();
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first, totalCount };
  }
}
