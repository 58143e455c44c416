// The services the API runs on, built one way: src/app.ts composes them for the server, and the
// service tests (test/services/) build the very same objects on a cloned database, without HTTP.
import type { Config } from '../config.js';
import type { Database } from '../datasources/postgres/db.js';
import { VideosRepo } from '../datasources/postgres/videos.js';
import { TasksRepo } from '../datasources/postgres/tasks.js';
import { CaptionsRepo } from '../datasources/postgres/captions.js';
import { UsersRepo } from '../datasources/postgres/users.js';
import type { Storage } from '../datasources/storage/types.js';
import type { JobQueue } from '../jobs/queue.js';
import type { TokenService } from '../auth/tokens.js';
import { UploadService, type MediaProber } from './uploads.js';
import { TaskService } from './tasks.js';
import { VideoService } from './videos.js';
import { CaptionService } from './captions.js';
import { AuthService } from './auth.js';
import type { TaskEventHub } from './task-events.js';
import type { Revocations } from './revocations.js';

/** The repositories the services (and, in the worker, the pipeline) share: one instance each per process. */
export interface Repos {
  videos: VideosRepo;
  tasks: TasksRepo;
  captions: CaptionsRepo;
  users: UsersRepo;
}

export function createRepos(db: Database): Repos {
  return { videos: new VideosRepo(db), tasks: new TasksRepo(db), captions: new CaptionsRepo(db), users: new UsersRepo(db) };
}

export interface ServiceDeps {
  config: Config;
  db: Database;
  repos: Repos;
  storage: Storage;
  media: MediaProber;
  jobs: JobQueue;
  /** Fan-out of task events in this process (fed by the LISTEN connection). */
  hub: TaskEventHub;
  tokens: TokenService;
  revocations?: Revocations;
}

/** What decides: each service takes a Caller and says what it may do and see. */
export interface CoreServices {
  uploads: UploadService;
  tasks: TaskService;
  videos: VideoService;
  captions: CaptionService;
  auth: AuthService;
}

export function createServices(d: ServiceDeps): CoreServices {
  const { config, db, repos, storage } = d;
  return {
    uploads: new UploadService({ config, db, videos: repos.videos, tasks: repos.tasks, storage, media: d.media, jobs: d.jobs }),
    tasks: new TaskService({ tasks: repos.tasks, jobs: d.jobs, hub: d.hub }),
    videos: new VideoService({ videos: repos.videos }),
    captions: new CaptionService({ config, videos: repos.videos, captions: repos.captions, storage }),
    auth: new AuthService({ config, db, users: repos.users, tokens: d.tokens, revocations: d.revocations }),
  };
}
