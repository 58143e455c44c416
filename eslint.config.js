// Lint: the layer rules of README "How it fits together" (who may import whom), no import cycles,
// and a few habits. Run with `npm run lint`; CI runs it before the tests.
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** A zone forbids files under `target` to import anything under `from` (paths from the repo root). */
const zone = (target, from, message) => ({ target, from, message });

const layerZones = [
  zone('./src/datasources', './src/pipeline', 'datasources talk to the outside world; they never call the pipeline'),
  zone('./src/datasources', './src/services', 'datasources never call services'),
  zone('./src/datasources', './src/resolvers', 'datasources never call resolvers'),
  zone('./src/datasources', './src/jobs', 'datasources never call jobs'),
  zone('./src/analysis', './src/datasources', 'analysis is pure: take facts as arguments (types live in src/domain)'),
  zone('./src/pipeline', './src/resolvers', 'the pipeline runs without GraphQL'),
  zone('./src/pipeline', './src/services', 'the pipeline gets what it needs through its deps, not from services'),
  zone('./src/jobs', './src/resolvers', 'jobs run without GraphQL'),
  zone('./src/jobs', './src/services', 'jobs get what they need through their deps, not from services'),
  {
    target: './src/domain',
    from: './src',
    except: ['./domain'],
    message: 'src/domain is the vocabulary: it imports nothing from the other layers',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'packages/**', 'test/generated/**', 'coverage/**'] },
  {
    files: ['src/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    },
    plugins: { '@typescript-eslint': tseslint.plugin, 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      // Strings and template literals may run long (user-facing copy, SQL): splitting them hides what they say.
      'max-len': ['error', { code: 140, ignoreUrls: true, ignoreRegExpLiterals: true, ignoreStrings: true, ignoreTemplateLiterals: true }],
      'no-debugger': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  // One way to run a tool: every binary is started by src/datasources/process.ts (stop, timeout, stderr tail).
  {
    files: ['src/**/*.ts'],
    ignores: ['src/datasources/process.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'node:child_process', message: 'start processes through src/datasources/process.ts (runProcess)' },
            { name: 'child_process', message: 'start processes through src/datasources/process.ts (runProcess)' },
          ],
        },
      ],
    },
  },
);
