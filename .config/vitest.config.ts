import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    // DynamoDB Local starts once for the whole run; each test file makes its own tables.
    globalSetup: ['test/support/global-setup.ts'],
    env: {
      // Node 20 runs the tests; Lambda runs Node 24. The SDK's notice about Node 22 is not news here.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      AWS_REGION: 'eu-west-3',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      SIGNING_SECRET: 'test-signing-key-0123456789',
    },
    // Vitest's default leaves a core idle (one worker on a 2-core machine), yet most of a test's
    // time is spent waiting on DynamoDB Local, the bus and the emulator: two files at a time at least.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.local/vitest-results.json' },
  },
});
