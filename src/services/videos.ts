import { notFound } from '../errors.js';
import type { VideoRow } from '../domain/model.js';
import type { VideosRepo } from '../datasources/postgres/videos.js';
import type { Caller } from '../auth/caller.js';
import type { PageArgs } from '../datasources/postgres/pagination.js';
import { isUuid } from '../domain/model.js';

export class VideoService {
  constructor(private readonly deps: { videos: VideosRepo }) {}

  async get(caller: Caller, id: string): Promise<VideoRow> {
    const video = isUuid(id) ? await this.deps.videos.get(id) : null;
    if (!video || !caller.canAccess(video.owner_id)) throw notFound('Video');
    return video;
  }

  list(caller: Caller, args: PageArgs) {
    return this.deps.videos.list({ ...args, ownerId: caller.role === 'admin' ? undefined : caller.userId });
  }
}
