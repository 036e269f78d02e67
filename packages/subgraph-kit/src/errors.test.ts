import { GraphQLError } from 'graphql';
import { fieldErrors, InputError } from './errors';

const bad = () => Promise.reject(new InputError('BAD_DATE', 'asOf', '日期无效'));
const extensionsOf = async (run: Promise<unknown>) => {
  const error = await run.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GraphQLError);
  return (error as GraphQLError).extensions;
};

describe('input errors as GraphQL errors', () => {
  it('names the field under the argument it belongs to, or alone for a top-level argument', async () => {
    expect(await extensionsOf(fieldErrors(bad, ['input']))).toEqual({ code: 'BAD_USER_INPUT', reason: 'BAD_DATE', field: 'input.asOf' });
    expect(await extensionsOf(fieldErrors(bad))).toEqual({ code: 'BAD_USER_INPUT', reason: 'BAD_DATE', field: 'asOf' });
    expect(await extensionsOf(fieldErrors(bad, ['input', 'certificate']))).toMatchObject({ field: 'input.certificate.asOf' });
  });

  it('lets any other error through unchanged', async () => {
    const boom = new Error('database gone');
    await expect(fieldErrors(() => Promise.reject(boom))).rejects.toBe(boom);
  });

  it('passes the result through when nothing goes wrong', async () => {
    await expect(fieldErrors(() => Promise.resolve(42), ['input'])).resolves.toBe(42);
  });
});
