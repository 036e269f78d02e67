import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function parse(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new GraphQLError(`金额须为整数（单位：分），收到 ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_AMOUNT' },
    });
  }
  return value;
}

/**
 * Money in integer fen (1 yuan = 100 fen), exact up to 2^53. GraphQL's Int stops at 2^31 fen
 * (about ¥21 million), which a county programme's yearly total can pass.
 */
export const FenScalar = new GraphQLScalarType({
  name: 'Fen',
  description: '金额(分) money in integer fen (1 yuan = 100 fen), exact up to 2^53',
  serialize: (value) => {
    const n = typeof value === 'string' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new GraphQLError(`invalid amount in fen: ${String(value)}`);
    return n;
  },
  parseValue: parse,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.INT)
      throw new GraphQLError('金额须为整数（单位：分）', { extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_AMOUNT' } });
    return parse(Number(ast.value));
  },
});
