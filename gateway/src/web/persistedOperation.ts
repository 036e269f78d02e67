import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Kind, parse, print } from 'graphql';

/** An operation as a page sends it: printed text and the sha256 that automatic persisted queries use. */
export interface PersistedOperation {
  operationName: string;
  query: string;
  sha256Hash: string;
}

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** Reads a .graphql file with exactly one named operation (fragments allowed); throws on anything else. */
export function loadPersistedOperation(file: string): PersistedOperation {
  const document = parse(fs.readFileSync(file, 'utf8'));
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const name = operations.length === 1 ? operations[0].name?.value : undefined;
  if (!name) throw new Error(`${file}: expected exactly one named operation`);
  const query = print(document);
  return { operationName: name, query, sha256Hash: sha256Hex(query) };
}
