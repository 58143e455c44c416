// "Yours, or NOT_FOUND": the one ownership check of the services. A row someone else owns is
// reported exactly like a missing one (same code, same message), and a malformed id never reaches
// a uuid cast in SQL: a caller learns nothing about what exists beyond what they may see.
import { notFound } from '../errors.js';
import { isUuid, type TaskRow, type VideoRow } from '../domain/model.js';
import type { CaptionRow } from '../datasources/postgres/captions.js';
import type { Caller } from '../auth/caller.js';

type Load<T> = (id: string) => Promise<T | null>;

/**
 * The row behind `id` if the caller may reach it (its owner, or an admin), else NOT_FOUND naming
 * `what`. `visible` narrows further (e.g. only sidecar captions are addressed by id).
 */
export async function owned<T extends { owner_id: string | null }>(
  caller: Caller,
  what: string,
  id: string,
  load: Load<T>,
  visible: (row: T) => boolean = () => true,
): Promise<T> {
  const row = isUuid(id) ? await load(id) : null;
  if (!row || !visible(row) || !caller.canAccess(row.owner_id)) throw notFound(what);
  return row;
}

export const ownVideo = (caller: Caller, videos: { get: Load<VideoRow> }, id: string): Promise<VideoRow> =>
  owned(caller, 'Video', id, (i) => videos.get(i));

export const ownTask = (caller: Caller, tasks: { get: Load<TaskRow> }, id: string): Promise<TaskRow> =>
  owned(caller, 'Task', id, (i) => tasks.get(i));

/** Sidecars only: caption tracks found in the file are reached through their video. */
export const ownCaption = (caller: Caller, captions: { get: Load<CaptionRow> }, id: string): Promise<CaptionRow> =>
  owned(
    caller,
    'Caption',
    id,
    (i) => captions.get(i),
    (c) => c.source === 'sidecar',
  );
