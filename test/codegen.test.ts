// The typed client the tests use is generated from schema.graphql; it must be current.
import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generate } from '@graphql-codegen/cli';
import config from '../codegen.js';

describe('codegen', () => {
  it('test/generated and packages/client/src/generated are what `npm run codegen` produces now', async () => {
    const outputs = (await generate({ ...config, cwd: process.cwd(), silent: true }, false)) as { filename: string; content: string }[];
    const files = ['test/generated/graphql.ts', ...['gql.ts', 'graphql.ts', 'index.ts', 'persisted-documents.json'].map((f) => `packages/client/src/generated/${f}`)];
    for (const file of files) {
      const out = outputs.find((o) => o.filename.endsWith(file));
      expect(out, file).toBeDefined();
      const committed = await fs.readFile(new URL(`../${file}`, import.meta.url), 'utf8');
      expect(out!.content.trim(), file).toBe(committed.trim());
    }
  });
});
