// The per-request context, built the same way for HTTP and WebSocket operations.
import DataLoader from 'dataloader';
import type { Caller } from '../auth/caller.js';
import type { TaskEventRow, TaskRow, VideoRow } from '../domain/model.js';
import type { CaptionRow } from '../datasources/postgres/captions.js';
import type { CoreServices } from '../services/index.js';
import type { RateLimits } from '../auth/rate-limit.js';
import type { Storage } from '../datasources/storage/types.js';
import type { WebhookService } from '../services/webhooks.js';
import type { ReportLinks } from '../report/links.js';
import type { Revocations } from '../services/revocations.js';

/** What resolvers reach: services (which decide) and a few signers; never a repository. */
export interface Services extends CoreServices {
  rateLimits: RateLimits;
  /** Revoked API keys and ended sessions, heard from every process (the WebSocket server closes their sockets). */
  revocations: Revocations;
  /** Which paid engines are configured (for cost estimates). */
  engines: { gemini: boolean; openai: boolean };
  /** Signs thumbnail URLs at read time. */
  storage: Storage;
  webhooks: WebhookService;
  /** Signs Task.reportUrl. */
  reports: ReportLinks;
}

export interface Loaders {
  videoById: DataLoader<string, VideoRow | null>;
  tasksByVideoId: DataLoader<string, TaskRow[]>;
  eventsByTaskId: DataLoader<string, TaskEventRow[]>;
  captionsByVideoId: DataLoader<string, CaptionRow[]>;
}

export interface Context {
  caller: Caller;
  services: Services;
  loaders: Loaders;
  /** Client address, for per-IP limits. */
  ip: string;
  limits: {
    auth(ip: string): Promise<void>;
    /** Per-account failed sign-ins (any address): check before, record after. */
    signIn: { allowed(email: string): Promise<void>; failed(email: string): Promise<void>; succeeded(email: string): Promise<void> };
  };
}

/**
 * One batch query per relation per request, whatever the list fans out to. They load relations of
 * rows the caller already reached through a service (Task.video, Video.tasks, …), so they do not check ownership again.
 */
export function createLoaders(s: Services): Loaders {
  return {
    videoById: new DataLoader(async (ids) => {
      const rows = await s.videos.getMany(ids);
      const m = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => m.get(id) ?? null);
    }),
    tasksByVideoId: new DataLoader(async (ids) => {
      const rows = await s.tasks.byVideoIds(ids);
      return ids.map((id) => rows.filter((r) => r.video_id === id));
    }),
    eventsByTaskId: new DataLoader(async (ids) => {
      const rows = await s.tasks.eventsOf(ids);
      return ids.map((id) => rows.filter((r) => r.task_id === id));
    }),
    captionsByVideoId: new DataLoader(async (ids) => {
      const rows = await s.captions.forVideos(ids);
      return ids.map((id) => rows.filter((r) => r.video_id === id));
    }),
  };
}

export function createContext(caller: Caller, services: Services, ip: string): Context {
  let loaders: Loaders | undefined;
  return {
    caller,
    services,
    // Made on first use: a subscription's context lives as long as the stream and rarely needs them.
    get loaders() {
      return (loaders ??= createLoaders(services));
    },
    ip,
    limits: {
      auth: (i) => services.rateLimits.auth(i),
      signIn: {
        allowed: (e) => services.rateLimits.signInAllowed(e),
        failed: (e) => services.rateLimits.signInFailed(e),
        succeeded: (e) => services.rateLimits.signInSucceeded(e),
      },
    },
  };
}
