import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator: turns `schema.graphql` and the client's `.graphql` documents into
 * typed documents under `client/src/gql/`. Paths resolve from this file's folder, so the
 * generator gives the same result from the repository root or from `client/`.
 */
const config: CodegenConfig = {
  cwd: __dirname,
  schema: 'schema.graphql',
  documents: ['client/src/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'client/src/gql/': {
      preset: 'client',
      presetConfig: {
        // The client reads fields straight from operation results; no fragments are masked.
        fragmentMasking: false,
      },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        skipTypename: false,
        // Scalars arrive as JSON strings; components parse them where they need a Date.
        scalars: {
          DateTimeISO: 'string',
          // Provider parameters: an open object checked by the server against the model.
          JSON: 'unknown',
          JSONObject: 'Record<string, unknown>',
        },
        strictScalars: true,
      },
    },
  },
};

export default config;
