// ESLint for the whole repository (npm run lint): typescript-eslint with type information, no import loops,
// no undeclared workspace or library import, and every disabled rule says why on its line.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';

const root = path.dirname(fileURLToPath(import.meta.url));

/** The workspaces the root package.json lists, as folders relative to the root ("packages/auth", "gateway"). */
function workspaceDirs() {
  const { workspaces } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return workspaces.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? fs
          .readdirSync(path.join(root, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, pattern.slice(0, -2), d.name, 'package.json')))
          .map((d) => `${pattern.slice(0, -2)}/${d.name}`)
      : [pattern],
  );
}
const workspaces = workspaceDirs();
const workspaceNames = workspaces.map((dir) => JSON.parse(fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8')).name);

// Files that run only under jest, a benchmark or an operator's script may use devDependencies.
const toolFiles = ['**/*.test.ts', '**/testing/**', 'test/**', 'bench/**', 'scripts/**', 'examples/**', '*.config.*', '*.mjs'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'tmp/**',
      'coverage/**',
      // Generated: rewritten by `npm run examples:generate` and codegen, checked for drift instead.
      '**/generated/**',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  comments.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: root,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      // import-x parses the modules an import leads to (for no-cycle): TypeScript ones too.
      'import-x/extensions': ['.ts', '.js', '.cjs', '.mjs'],
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.json', 'examples/typed-client/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: [] }],
      '@eslint-community/eslint-comments/no-unused-disable': 'error',
      'import-x/no-cycle': 'error',
      'import-x/no-extraneous-dependencies': ['error', { devDependencies: toolFiles, includeInternal: true, includeTypes: true }],
      // An underscore marks a binding left unused on purpose (a rest sibling dropped, a resolver's parent), as tsc's
      // noUnusedParameters already reads it.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Off: Apollo plugin hooks, DataSource shims and our stop() methods implement interfaces that return promises;
      // an async body without await is how they keep that contract (and turn a throw into a rejection).
      '@typescript-eslint/require-await': 'off',
      // Off: raw SQL rows and spreadsheet cells are `unknown` scalars that differ by driver (a number or a string, a Date
      // or an ISO text); `String(v)` after the null check is the intended conversion, which the rule cannot tell from
      // an object's "[object Object]".
      '@typescript-eslint/no-base-to-string': 'off',
      // Passing a caught or callback error on unchanged is fine; what is new must be an Error (the rule's default).
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      // Off: TypeScript itself reports undefined names in .ts files, knowing the types and globals of each program.
      'no-undef': 'off',
    },
  },
  {
    // Tests read GraphQL answers as ad hoc JSON (`data?: any`, declared so with a reason where it is typed): a wrong
    // field fails the test's own assertion, so the no-unsafe family would only repeat `any` at every use.
    files: ['**/*.test.ts', 'test/**', 'packages/*/src/testing/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The root's own tools (scripts, test, bench) run against the workspaces: they may import any workspace
    // and what the root or any workspace declares.
    files: ['scripts/**', 'test/**', 'bench/**', 'examples/**', '*.config.*', '*.js', '*.mjs'],
    rules: {
      'import-x/no-extraneous-dependencies': [
        'error',
        {
          devDependencies: true,
          includeInternal: true,
          includeTypes: true,
          packageDir: [root, ...workspaces.map((d) => path.join(root, d))],
          whitelist: workspaceNames,
        },
      ],
    },
  },
  {
    // Plain JavaScript outside the TypeScript program: the dashboard pages (browser), the jest config and the CPU
    // profile preload (node, CommonJS), this file.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    rules: { 'no-undef': 'error' },
  },
  {
    files: ['gateway/public/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      // The browser globals the pages use (listed here rather than pulled from a package the repository does not declare).
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'location',
          'history',
          'localStorage',
          'fetch',
          'URL',
          'URLSearchParams',
          'setTimeout',
          'clearTimeout',
          'atob',
          'btoa',
          'console',
          'navigator',
          'requestAnimationFrame',
          'AbortController',
          'Blob',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    // GraphiQL's page loads this one as a classic script after the vendor bundles it names in its header.
    files: ['gateway/public/ide/**/*.js'],
    languageOptions: { sourceType: 'script' },
  },
  {
    files: ['**/*.cjs', 'jest.config.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: Object.fromEntries(['require', 'module', 'exports', 'process', '__dirname', 'console'].map((name) => [name, 'readonly'])),
    },
    // CommonJS files load modules with require() by definition.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
