// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', 'web/dist/**', 'web/vite.config.mts', 'data/**', '*.js', '*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // The scoring engine is pure: plain data in, plain data out. No framework, database,
    // file system or network may leak into it, so it stays testable and reusable.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'pg-*'], message: 'The engine must stay pure (no Nest/TypeORM/pg).' },
            { group: ['fs', 'fs/*', 'node:*', 'http', 'https', 'net', 'child_process', 'path', 'os', 'crypto'], message: 'The engine must not do I/O.' },
            { group: ['../*', '!./*'], message: 'The engine may only import from its own folder.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'require', 'fetch', 'setTimeout', 'setInterval'],
    },
  },
  {
    // The engine's tests may also show figures as users read them (src/formats).
    files: ['src/engine/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*', '!../formats'], message: 'Engine tests import the engine, or src/formats.' }] },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'src/**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
