// The typed client the tests use is generated from schema.graphql; it must be current.
import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generate } from '@graphql-codegen/cli';
import config from '../codegen.js';

describe('codegen', () => {
  it('test/generated/graphql.ts is what `npm run codegen` produces now', async () => {
    const outputs = (await generate({ ...config, cwd: process.cwd(), silent: true }, false)) as { filename: string; content: string }[];
    const out = outputs.find((o) => o.filename.endsWith('test/generated/graphql.ts'));
    expect(out).toBeDefined();
    const committed = await fs.readFile(new URL('./generated/graphql.ts', import.meta.url), 'utf8');
    expect(out!.content.trim()).toBe(committed.trim());
  });
});
