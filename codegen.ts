// Generates typed documents from schema.graphql: the tests' (test/graphql → test/generated) and
// @klike/client's (packages/client/src/operations.graphql → packages/client/src/generated, with the
// client-preset and a persisted-documents manifest). Run `npm run codegen` after changing the
// schema or an operation; a test checks both outputs are current.
import type { CodegenConfig } from '@graphql-codegen/cli';

const shared = {
  scalars: { DateTime: 'string' },
  // String unions, not TS enums: erasable, and what a frontend compares against.
  enumsAsTypes: true,
  useTypeImports: true,
};

const config: CodegenConfig = {
  schema: 'schema.graphql',
  generates: {
    'test/generated/graphql.ts': {
      documents: ['test/graphql/**/*.graphql'],
      plugins: ['typescript-operations', 'typed-document-node'],
      config: { ...shared, avoidOptionals: { field: true, inputValue: false } },
    },
    'packages/client/src/generated/': {
      documents: ['packages/client/src/operations.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      config: { ...shared, avoidOptionals: { field: true, inputValue: false } },
    },
  },
  // ESM output: relative imports in the generated client end in .js.
  emitLegacyCommonJSImports: false,
  hooks: {},
};

export default config;
