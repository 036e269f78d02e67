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

/**
 * Runs a resolver body; an InputError becomes BAD_USER_INPUT with its reason and the argument it concerns,
 * under `prefix`: ['input'] for `input.idNumber`, nothing for a top-level argument. The one wrapper every
 * resolver uses, so every bad argument is reported the same way.
 */
export async function fieldErrors<T>(work: () => Promise<T>, prefix: readonly string[] = []): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InputError) throw toGraphQLError(error, prefix);
    throw error;
  }
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}
