import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// `import { z } from 'zod/mini'` (or 'zod') takes zod's namespace object whole, every locale
// included, and esbuild cannot shake it: over 400 KB in every bundle instead of ~35 KB with
// `import * as z`.
const zodNamespace = {
  selector: "ImportDeclaration:matches([source.value='zod'], [source.value='zod/mini'])[importKind!='type'] > ImportSpecifier[imported.name='z']",
  message: "Use `import * as z from 'zod/mini'`: the named `z` defeats tree-shaking (+400 KB per bundle).",
};

// The code that functions bundle uses zod's mini API: the classic one costs every bundle about
// 60 KB, and its cold start about 20 ms (issue 15). Tests may use either.
const classicZod = {
  name: 'zod',
  message: "Use `import * as z from 'zod/mini'`: the classic API cannot be tree-shaken (+60 KB per bundle, issue 15).",
};

// A schema built at a module's top level is built at every cold start of every function that
// imports the module, used or not, and by all its routes at load. `deferred` builds it on first
// use, and esbuild leaves it out of the functions that never use it (issue 15). An event contract
// is built in a `/* @__PURE__ */` arrow: `defineEvent` defers its schema itself.
const pureSchema = {
  selector: ":matches(Program > VariableDeclaration, Program > ExportNamedDeclaration > VariableDeclaration) > VariableDeclarator > :matches(CallExpression, ObjectExpression:has(CallExpression), TSAsExpression:has(CallExpression)).init:not([callee.type='ArrowFunctionExpression'][callee.body.callee.name=/^(defineEvent|returnFact)$/], [callee.name='deferred'])",
  message: 'Defer it: `/* @__PURE__ */ deferred(() => …)` (#kernel/deferred) builds it on first use, and esbuild leaves it out of the functions that never use it.',
};

export default tseslint.config(
  { ignores: ['node_modules', 'cdk.out', '.local', 'coverage', 'events-catalog', '.config/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', zodNamespace],
    },
  },
  {
    files: ['shared/**/*.ts', 'functions/**/*.ts', 'infra/local/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [classicZod] }],
    },
  },
  {
    files: ['shared/*/contracts/**/*.ts', 'shared/kernel/schemas.ts', 'shared/kernel/events.ts', 'shared/runtime/http-schemas.ts'],
    rules: {
      'no-restricted-syntax': ['error', zodNamespace, pureSchema],
    },
  },
  {
    // The domain is pure: no AWS SDK, no clock, no random ids (STYLE.md, principle 3).
    files: ['shared/*/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [classicZod], patterns: ['@aws-sdk/*', '#runtime/*', '#*/adapters/*', '#*/app/*', 'stripe', 'node:*'] }],
      'no-restricted-syntax': ['error',
        zodNamespace,
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Pass the clock in.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Pass the id generator in.' },
      ],
    },
  },
);
