import type { VideoRow } from '../domain/model.js';
import type { VideosRepo } from '../datasources/postgres/videos.js';
import type { Caller } from '../auth/caller.js';
import type { PageArgs } from '../datasources/postgres/pagination.js';
import { ownVideo } from './ownership.js';

export class VideoService {
  constructor(private readonly deps: { videos: VideosRepo }) {}

  get(caller: Caller, id: string): Promise<VideoRow> {
    return ownVideo(caller, this.deps.videos, id);
  }

  list(caller: Caller, args: PageArgs) {
    return this.deps.videos.list({ ...args, ownerId: caller.role === 'admin' ? undefined : caller.userId });
  }

  /** Many videos at once (DataLoader batches): relations of rows the caller already reached, e.g. Task.video. */
  getMany(ids: readonly string[]): Promise<VideoRow[]> {
    return this.deps.videos.getMany(ids);
  }
}
