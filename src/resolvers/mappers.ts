// Rows → GraphQL objects. The only place that knows both shapes.
import type { TaskEventRow, TaskRow, VideoRow } from '../model.js';
import type { StoredResult } from '../pipeline/result.js';
import type { AnalysisResult, MediaFacts, Task, TaskEvent, Video } from './types.js';

export function toVideo(r: VideoRow): Video {
  return {
    id: r.id,
    filename: r.filename,
    title: r.title,
    contentType: r.content_type,
    declaredSizeBytes: r.declared_size,
    sizeBytes: r.size_bytes,
    status: r.status,
    rejection: r.rejection_code ? { code: r.rejection_code, message: r.rejection_message ?? '' } : null,
    media: (r.media as MediaFacts | null) ?? null,
    createdAt: r.created_at,
    uploadedAt: r.uploaded_at,
    ownerId: r.owner_id,
  };
}

export function toTask(r: TaskRow): Task {
  return {
    id: r.id,
    status: r.status,
    progress: r.progress,
    error: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
    result: r.result ? toResult(r.result as StoredResult) : null,
    lastSequence: r.last_sequence,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    videoId: r.video_id,
    ownerId: r.owner_id,
  };
}

function toResult(s: StoredResult): AnalysisResult {
  const t = s.transcript;
  return {
    ...s,
    transcript: t.available
      ? { available: true, engine: t.engine, unavailableReason: null, language: t.language, text: t.text, segments: t.segments }
      : { available: false, engine: t.engine, unavailableReason: t.reason, language: null, text: null, segments: [] },
  } as AnalysisResult;
}

export function toEvent(e: TaskEventRow): TaskEvent {
  return {
    taskId: e.task_id,
    sequence: e.sequence,
    status: e.status,
    progress: e.progress,
    message: e.message,
    at: e.at,
    error: e.error_code ? { code: e.error_code, message: e.error_message ?? '' } : null,
  };
}
