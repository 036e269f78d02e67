import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function parse(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new GraphQLError(`日期须为 YYYY-MM-DD 格式的真实日期，收到 ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_DATE' },
    });
  }
  return value;
}

/** ISO calendar date (YYYY-MM-DD), no time and no time zone. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: '日期 calendar date, ISO 8601 (YYYY-MM-DD)',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
  parseValue: parse,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('日期须为字符串 YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
    return parse(ast.value);
  },
});

/** Today's date in UTC as YYYY-MM-DD. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}
