import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql must load once, or schema objects from "another realm" are rejected.
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // A safety net, not a measurement: generous, since a loaded 2-core machine runs ffmpeg and speech slowly.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: files run in parallel on separate databases; ffmpeg-heavy suites keep their own pace.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
