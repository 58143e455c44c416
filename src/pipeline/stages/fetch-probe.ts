// Fetch and probe: downloads the source into the attempt's scratch directory and reads what it is
// (container, streams, duration). Stored as the `processing` artifact.
import fs from 'node:fs/promises';
import { TaskStatus } from '../../domain/model.js';
import type { MediaProbe } from '../../domain/media.js';
import type { Stage } from '../types.js';
import type { ProcessingOutput } from './artifacts.js';
import { ensureSource } from './source.js';

export const fetchProbe: Stage<ProcessingOutput> = {
  status: TaskStatus.PROCESSING,
  name: 'processing',
  async run(ctx) {
    const source = await ensureSource(ctx);
    ctx.progress(0.5, 'Source downloaded');
    // Confirm probed these very bytes: the download above was checked against the ETag it recorded
    // (SOURCE_CHANGED otherwise), so its probe stands and ffprobe does not run twice per upload.
    // Without a recorded ETag (uploads from before it was kept) or a complete probe, probe again.
    const confirmed = ctx.video.source_etag ? confirmedProbe(ctx.video.media) : null;
    const media = confirmed ?? (await ctx.deps.media.probe(source, { signal: ctx.signal, timeoutMs: 60_000 }));
    const { size } = await fs.stat(source);
    return { sizeBytes: size, media };
  },
};

const PROBE_KEYS: readonly (keyof MediaProbe)[] = [
  'container',
  'formatName',
  'durationSeconds',
  'sizeBytes',
  'bitRate',
  'video',
  'audio',
  'hasAudio',
  'subtitles',
];

/** The probe confirm stored, when it has every field today's probe returns (an older one may not). */
function confirmedProbe(stored: unknown): MediaProbe | null {
  if (!stored || typeof stored !== 'object') return null;
  const p = stored as Record<string, unknown>;
  if (!PROBE_KEYS.every((k) => k in p) || typeof p.container !== 'string' || !Array.isArray(p.subtitles)) return null;
  return stored as MediaProbe;
}
