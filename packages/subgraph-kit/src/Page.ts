// The page types every list shares: the repositories return them and keysetPage builds them, so they live apart from both.

/** Which rows of a list to return: keyset pagination by id. */
export interface Page {
  first: number;
  /** Rows with an id greater than this one (keyset pagination). */
  afterId?: number;
}

/** One page of a list: its rows, whether more follow, and the total on request. */
export interface PageOf<T> {
  rows: T[];
  hasNextPage: boolean;
  /** Counted when called, once (see countWhenAsked). */
  totalCount: () => Promise<number>;
}
