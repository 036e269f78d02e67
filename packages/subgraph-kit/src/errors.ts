import { GraphQLError } from 'graphql';

/**
 * Bad input from a caller: a specific code, the input field it concerns, and a message in
 * Chinese that a clerk can act on. Nothing is written when one is thrown.
 */
export class InputError extends Error {
  constructor(
    readonly code: string,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function toGraphQLError(error: InputError, path: readonly (string | number)[] = []): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { code: 'BAD_USER_INPUT', reason: error.code, field: [...path, error.field].join('.') },
  });
}

/** Runs a resolver body and turns InputError into a BAD_USER_INPUT GraphQL error naming the field. */
export async function withInputErrors<T>(argumentName: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InputError) throw toGraphQLError(error, [argumentName]);
    throw error;
  }
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}
