import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, InputError, MAX_PAGE_SIZE, fieldErrors } from '@hub/subgraph-kit';
import { departmentLabels, townshipByCode } from '@hub/vocabulary';
import type { CountyContext } from '../CountyContext';
import type { DataQualityScope } from './mappers';
import type {
  DataQualityImportRefusalsArgs,
  DataQualityPersonConflictsArgs,
  DataQualityRepeatedCertificateNumbersArgs,
  DataQualityUnattributedCertificatesArgs,
  DataQualityUnattributedTrainingsArgs,
  DataQualityUndatedWithdrawalsArgs,
} from '../generated/resolvers';
import type { HoldingQualityRow, KeyPage, PersonCopyRow } from '../repositories/DataQualityRepository';

/** Every list of DataQuality takes the same first/after; index.ts's Resolvers type checks each field's own. */
type PageArgs = DataQualityPersonConflictsArgs;

type PersonField = 'NAME' | 'SEX' | 'BIRTH_YEAR' | 'TOWNSHIP';

/** The fields the copies disagree on; a copy without a value (a township not known) does not disagree. */
export function disagreeingFields(copies: readonly PersonCopyRow[]): PersonField[] {
  const differ = (values: (string | number | null)[]) => new Set(values.filter((v) => v !== null)).size > 1;
  const fields: PersonField[] = [];
  if (differ(copies.map((c) => c.name))) fields.push('NAME');
  if (differ(copies.map((c) => c.sex))) fields.push('SEX');
  if (differ(copies.map((c) => c.birthYear))) fields.push('BIRTH_YEAR');
  if (differ(copies.map((c) => c.townshipCode))) fields.push('TOWNSHIP');
  return fields;
}

/** One list page as a connection; `first` and `after` checked like every list of the hub. */
async function connection<R, N>(
  args: PageArgs,
  load: (first: number, after: string | undefined) => Promise<KeyPage<R>>,
  toNodes: (rows: R[]) => Promise<N[]> | N[],
) {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new InputError('BAD_PAGE_SIZE', 'first', `每页条数须在 0 到 ${MAX_PAGE_SIZE} 之间，收到 ${first}`);
  }
  const page = await load(first, args.after ? decodeCursor(args.after) : undefined);
  const nodes = await toNodes(page.rows);
  const edges = page.rows.map((row, i) => ({ cursor: encodeCursor(page.keyOf(row)), node: nodes[i] }));
  return { edges, nodes, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null } };
}

const certificateNode = (h: HoldingQualityRow) => ({ ...h, person: { id: h.personId } });

/** The lists of DataQuality, each narrowed to the scope's department when it has one. */
export const DataQuality = {
  byDepartment: async (q: DataQualityScope, _: unknown, ctx: CountyContext) =>
    (await ctx.qualityCounts.get(q.scope.join(','), () => ctx.quality.counts(q.scope))).map((c) => ({
      ...c,
      label: departmentLabels[c.department],
    })),

  personConflicts: (q: DataQualityScope, args: DataQualityPersonConflictsArgs, ctx: CountyContext) =>
    fieldErrors(() =>
      connection(
        args,
        (first, after) => ctx.quality.conflictPersons(q.department, first, after),
        async (personIds) => {
          const copies = await ctx.quality.personCopies(personIds);
          return personIds.map((id) => {
            const all = copies.filter((c) => c.personId === id);
            return {
              person: { id },
              fields: disagreeingFields(all),
              departments: all.map((c) => c.department),
              // Department staff see their own department's copy only.
              copies: all
                .filter((c) => !q.department || c.department === q.department)
                .map((c) => ({ ...c, township: c.townshipCode ? (townshipByCode(c.townshipCode) ?? null) : null })),
            };
          });
        },
      ),
    ),

  repeatedCertificateNumbers: (q: DataQualityScope, args: DataQualityRepeatedCertificateNumbersArgs, ctx: CountyContext) =>
    fieldErrors(() =>
      connection(
        args,
        (first, after) => ctx.quality.repeatedNumbers(q.department, first, after),
        async (numbers) => {
          const holdings = await ctx.quality.holdingsByNumbers(numbers);
          return numbers.map((certificateNumber) => {
            const all = holdings.filter((h) => h.certificateNumber === certificateNumber);
            return {
              certificateNumber,
              departments: [...new Set(all.map((h) => h.department))],
              certificates: all.filter((h) => !q.department || h.department === q.department).map(certificateNode),
            };
          });
        },
      ),
    ),

  unattributedTrainings: (q: DataQualityScope, args: DataQualityUnattributedTrainingsArgs, ctx: CountyContext) =>
    fieldErrors(() =>
      connection(
        args,
        (first, after) => ctx.quality.unattributedTrainings(q.department, first, after),
        (rows) => rows.map((t) => ({ ...t, person: { id: t.personId } })),
      ),
    ),

  unattributedCertificates: (q: DataQualityScope, args: DataQualityUnattributedCertificatesArgs, ctx: CountyContext) =>
    fieldErrors(() =>
      connection(
        args,
        (first, after) => ctx.quality.unattributedCertificates(q.department, first, after),
        (rows) => rows.map(certificateNode),
      ),
    ),

  undatedWithdrawals: (q: DataQualityScope, args: DataQualityUndatedWithdrawalsArgs, ctx: CountyContext) =>
    fieldErrors(() =>
      connection(
        args,
        (first, after) => ctx.quality.undatedWithdrawals(q.department, first, after),
        (rows) => rows.map(certificateNode),
      ),
    ),

  importRefusals: (q: DataQualityScope, args: DataQualityImportRefusalsArgs, ctx: CountyContext) =>
    fieldErrors(() =>
      connection(
        args,
        (first, after) => ctx.quality.lastImportRefusals(q.department, first, after),
        (rows) => rows,
      ),
    ),
};
