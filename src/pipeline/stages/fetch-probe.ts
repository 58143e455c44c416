// Fetch and probe: downloads the source into the attempt's scratch directory and reads what it is
// (container, streams, duration) with ffprobe. Stored as the `processing` artifact.
import fs from 'node:fs/promises';
import { TaskStatus } from '../../domain/model.js';
import type { Stage } from '../types.js';
import type { ProcessingOutput } from './artifacts.js';
import { ensureSource } from './source.js';

export const fetchProbe: Stage<ProcessingOutput> = {
  status: TaskStatus.PROCESSING,
  name: 'processing',
  async run(ctx) {
    const source = await ensureSource(ctx);
    ctx.progress(0.5, 'Source downloaded');
    const media = await ctx.deps.media.probe(source, { signal: ctx.signal, timeoutMs: 60_000 });
    const { size } = await fs.stat(source);
    return { sizeBytes: size, media };
  },
};
