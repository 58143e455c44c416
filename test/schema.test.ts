// schema.graphql is committed for frontends and codegen: it must be exactly what the code builds.
import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildBaseSchema, printSdl } from '../src/schema.js';

describe('schema.graphql', () => {
  it('matches the code-first schema (run `npm run schema:emit` after changing types)', async () => {
    const committed = await fs.readFile(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(printSdl(await buildBaseSchema())).toBe(committed);
  });

  it('keeps the contract frontends are generated from', async () => {
    const sdl = await fs.readFile(new URL('../schema.graphql', import.meta.url), 'utf8');
    for (const needle of [
      'createVideoUpload(input: CreateVideoUploadInput!): CreateVideoUploadPayload!',
      'confirmVideoUpload(input: ConfirmVideoUploadInput!): ConfirmVideoUploadPayload!',
      'analyzeVideo(input: AnalyzeVideoInput!): AnalyzeVideoPayload!',
      'cancelTask(id: ID!): Task!',
      'taskUpdated(afterSequence: Int, taskId: ID!): TaskEvent!',
      'videos(after: String, first: Int): VideoConnection!',
      'tasks(after: String, first: Int, status: TaskStatus): TaskConnection!',
    ]) expect(sdl).toContain(needle);
  });
});
