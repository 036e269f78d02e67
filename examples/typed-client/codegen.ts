import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator for the typed client example. The schema is the gateway's API schema
 * (schema.graphql, written by generate.ts from gateway/supergraph.graphql); run `npm run examples:generate`.
 */
const config: CodegenConfig = {
  schema: 'examples/typed-client/schema.graphql',
  documents: ['examples/typed-client/*.graphql', '!examples/typed-client/schema.graphql'],
  generates: {
    'examples/typed-client/generated/graphql.ts': {
      // typescript-operations (v6) emits the enums and inputs the operations use: no 'typescript' plugin.
      plugins: ['typescript-operations'],
      config: {
        // Dates travel as ISO strings (2025-06-30); enums as string unions keep the file type-only.
        scalars: { Date: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
  silent: true,
};

export default config;
