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
