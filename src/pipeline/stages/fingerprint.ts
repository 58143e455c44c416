// Same bytes, measured once. The fingerprint stage hashes the source (sha256, streamed) and finds
// the newest earlier task of the same owner with the same bytes; the media measurement, perception
// and transcription stages, wrapped by `reusable`, then take that task's stored outputs instead of
// decoding again, and mark them (`reusedFromTask`) so the result says what was reused.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { TaskStatus } from '../../domain/model.js';
import type { PerceptionFacts } from '../../domain/perception.js';
import type { Transcript } from '../../domain/transcript.js';
import type { Stage, StageContext } from '../types.js';
import { ensureSource } from './source.js';
import { REUSABLE_STAGES, type FingerprintOutput, type ReusableStage, type Reused } from '../../domain/reuse.js';

async function sha256File(file: string, signal: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash, { signal });
  return hash.digest('hex');
}

export const fingerprint: Stage<FingerprintOutput> = {
  status: TaskStatus.PROCESSING,
  name: 'fingerprint',
  async run(ctx) {
    const sha256 = await sha256File(await ensureSource(ctx), ctx.signal);
    const repo = ctx.deps.fingerprints;
    if (!repo) return { sha256, reuse: null };
    await repo.record(ctx.task.id, ctx.task.owner_id, sha256);
    const found = await repo.findReusable(ctx.task.owner_id, sha256, ctx.task.id, REUSABLE_STAGES);
    if (!found) return { sha256, reuse: null };
    const stages = await Promise.all(REUSABLE_STAGES.map(async (s) => ((await worthReusing(ctx, s, found.outputs.get(s))) ? s : null)));
    const keep = stages.filter((s): s is ReusableStage => s !== null);
    return { sha256, reuse: keep.length ? { fromTaskId: found.taskId, stages: keep } : null };
  },
};

/** Whether an earlier output answers for this task too: same engines, nothing missing that could now be measured. */
async function worthReusing(ctx: StageContext, stage: ReusableStage, out: unknown): Promise<boolean> {
  if (!out || typeof out !== 'object') return false;
  if (stage === 'extracting_audio') return 'analysis' in out;
  if (stage === 'perceiving') {
    const p = out as PerceptionFacts;
    const now = ctx.deps.perceiver?.engines ?? { ocr: null, faces: null };
    return p.version === 1 && p.frames.length > 0 && p.engines.ocr === now.ocr && p.engines.faces === now.faces;
  }
  // The transcript: made by the same engine, in the language asked for, with no sidecar captions on
  // either side (captions belong to a video, not to its bytes).
  const t = out as Transcript;
  if (!t.available || !ctx.deps.transcriber.name.startsWith(t.engine)) return false;
  const lang = ctx.task.options.language?.split('-')[0]?.toLowerCase();
  if (lang && t.language !== lang) return false;
  if (t.captions?.tracks?.some((c) => c.source === 'sidecar')) return false;
  const sidecars = (await ctx.deps.captions?.readySidecars(ctx.video.id)) ?? [];
  return sidecars.length === 0;
}

/** A stage that takes the earlier task's output when the fingerprint found one, else runs. */
export function reusable<Out extends object>(stage: Stage<Out>): Stage<Out & Reused> {
  return {
    status: stage.status,
    name: stage.name,
    async run(ctx) {
      const fp = ctx.outputs.fingerprint;
      if (fp?.reuse?.stages.includes(stage.name as ReusableStage) && ctx.deps.fingerprints) {
        const out = (await ctx.deps.fingerprints.artifact(fp.reuse.fromTaskId, stage.name)) as (Out & Reused) | null;
        if (out) {
          ctx.progress(1, 'Same bytes as an earlier upload: reusing its measurements');
          return { ...out, reusedFromTask: out.reusedFromTask ?? fp.reuse.fromTaskId };
        }
      }
      return stage.run(ctx);
    },
  };
}
