import { InputError, toGraphQLError } from '@hub/subgraph-kit';

/** Runs a resolver body; an InputError becomes BAD_USER_INPUT with its reason and the argument it concerns (under `prefix`, e.g. input). */
export async function fieldErrors<T>(work: () => Promise<T>, prefix: string[] = []): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InputError) throw toGraphQLError(error, prefix);
    throw error;
  }
}
