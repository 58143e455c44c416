// One log line per task event, in the design's fields, and the matching metrics. The pipeline
// and the queue report what happened; this decides how it is written down.
import type { Logger } from '../logger.js';
import type { Metrics } from './metrics.js';

export type TaskEvent =
  | { event: 'task_queued'; taskId: string; videoDurationS?: number | null }
  | { event: 'stage_started'; taskId: string; stage: string; attempt: number }
  | { event: 'stage_completed'; taskId: string; stage: string; durationMs: number; attempt: number }
  | { event: 'stage_failed'; taskId: string; stage: string; durationMs: number; attempt: number; code: string }
  | { event: 'analysis_completed'; taskId: string; durationMs: number; videoDurationS: number | null; score: number | null }
  | { event: 'analysis_failed'; taskId: string; durationMs: number | null; videoDurationS: number | null; code: string }
  | { event: 'analysis_cancelled'; taskId: string; durationMs: number | null }
  /** An attempt handed its job back (shutdown) or will be retried; the task is not final. */
  | { event: 'analysis_interrupted'; taskId: string; reason: 'shutdown' | 'retry'; code: string; attempt: number };

export type TaskObserver = (e: TaskEvent) => void;

export function createTaskObserver(logger: Logger, metrics?: Metrics): TaskObserver {
  return (e) => {
    const { event, taskId, ...rest } = e;
    const fields: Record<string, unknown> = { event, task_id: taskId };
    for (const [k, v] of Object.entries(rest)) fields[SNAKE[k] ?? k] = v;
    if (event === 'analysis_failed' || event === 'stage_failed' || event === 'analysis_interrupted') logger.warn(event, fields);
    else logger.info(event, fields);
    if (!metrics) return;
    switch (e.event) {
      case 'stage_completed':
        metrics.stageDuration.observe({ stage: e.stage, outcome: 'completed' }, e.durationMs / 1000);
        break;
      case 'stage_failed':
        metrics.stageDuration.observe({ stage: e.stage, outcome: 'failed' }, e.durationMs / 1000);
        break;
      case 'analysis_completed':
        metrics.tasksFinished.inc({ status: 'COMPLETED' });
        metrics.analysisDuration.observe({ status: 'COMPLETED' }, e.durationMs / 1000);
        if (e.videoDurationS && e.videoDurationS > 0) metrics.analysisPerVideoSecond.observe(e.durationMs / 1000 / e.videoDurationS);
        break;
      case 'analysis_failed':
        metrics.tasksFinished.inc({ status: 'FAILED' });
        if (e.durationMs !== null) metrics.analysisDuration.observe({ status: 'FAILED' }, e.durationMs / 1000);
        break;
      case 'analysis_cancelled':
        metrics.tasksFinished.inc({ status: 'CANCELLED' });
        if (e.durationMs !== null) metrics.analysisDuration.observe({ status: 'CANCELLED' }, e.durationMs / 1000);
        break;
    }
  };
}

const SNAKE: Record<string, string> = { durationMs: 'duration_ms', videoDurationS: 'video_duration_s', attempt: 'attempt', code: 'code' };

/** For parts built without one (tests, benches). */
export const ignoreTaskEvents: TaskObserver = () => {};
