// The source video on local disk for one attempt, and where stages put what they derive from it.
import path from 'node:path';
import type { StageContext } from '../types.js';

export const processedKey = (taskId: string, name: string) => `processed/${taskId}/${name}`;

/** Makes sure the source video is on local disk for this attempt (streamed, never held in memory). */
export async function ensureSource(ctx: StageContext): Promise<string> {
  let p = ctx.files.get('source');
  if (!p) {
    p = path.join(
      ctx.workDir,
      'source' +
        (path
          .extname(ctx.video.filename)
          .replace(/[^.a-z0-9]/gi, '')
          .slice(0, 6) || '.bin'),
    );
    // The bytes must be the ones confirmed (SOURCE_CHANGED otherwise): an upload URL stays valid after confirm.
    await ctx.deps.storage.downloadToFile(ctx.video.storage_key, p, ctx.signal, { expectedEtag: ctx.video.source_etag });
    ctx.files.set('source', p);
  }
  return p;
}
