// What every stage receives. Stages are small units: explicit input (the context and earlier
// outputs), an explicit output (stored as the stage's artifact), no reach into other stages.
import type { TaskRow, VideoRow } from '../domain/model.js';
import type { Storage } from '../datasources/storage/types.js';
import type { MediaTools } from '../datasources/media/ffmpeg.js';
import type { Logger } from '../logger.js';
import type { CreativeAnalysis, CreativeAnalyzer, Recommender, Transcriber } from '../analysis/ports.js';
import type { CaptionsRepo } from '../datasources/postgres/captions.js';
import type { TaskObserver } from '../ops/task-observer.js';
import type { Perceiver } from '../datasources/perception/perceiver.js';
import type { FingerprintsRepo } from '../datasources/postgres/fingerprints.js';
import type { AudioOutput, ProcessingOutput, RecommendationsOutput } from './stages/artifacts.js';
import type { FingerprintOutput } from '../domain/reuse.js';
import type { PerceptionFacts } from '../domain/perception.js';
import type { Transcript } from '../domain/transcript.js';

/** What each stage stores, by stage name: the one list later stages read their inputs from. */
export interface StageOutputs {
  processing: ProcessingOutput;
  fingerprint: FingerprintOutput;
  extracting_audio: AudioOutput;
  perceiving: PerceptionFacts;
  transcribing: Transcript;
  analyzing_ai: CreativeAnalysis;
  generating_recommendations: RecommendationsOutput;
}
export type StageName = keyof StageOutputs;

export interface PipelineDeps {
  storage: Storage;
  media: MediaTools;
  transcriber: Transcriber;
  analyzer: CreativeAnalyzer;
  recommender: Recommender;
  /** Caption tracks: sidecars to read, embedded streams to record. Absent: only the file's streams are read. */
  captions?: Pick<CaptionsRepo, 'readySidecars' | 'upsertEmbedded'>;
  /** On-screen text and faces (src/datasources/perception). Absent: perception is `unmeasured`. */
  perceiver?: Perceiver;
  /** Source fingerprints, for reusing an earlier task's outputs on the same bytes. Absent: nothing is reused. */
  fingerprints?: Pick<FingerprintsRepo, 'record' | 'findReusable' | 'artifact'>;
  logger: Logger;
  /** Task events for logs and metrics (task_queued … analysis_completed). */
  observe?: TaskObserver;
  stageTimeoutMs: number;
  tmpDir: string;
  /** Text subtitle streams of a file that are extracted (MEDIA_MAX_SUBTITLE_STREAMS). (Default: 8) */
  maxSubtitleStreams?: number;
}

export interface StageContext {
  task: TaskRow;
  video: VideoRow;
  /** Scratch directory of this attempt; removed when the attempt ends. */
  workDir: string;
  /** Aborted on cancellation, job expiry or stage timeout. */
  signal: AbortSignal;
  deps: PipelineDeps;
  /** Reports progress within the current stage (0..1); throttled and stored as events. */
  progress(fraction: number, message?: string): void;
  /** Outputs of the stages that ran before (or were stored by an earlier attempt), by stage name. */
  outputs: Partial<StageOutputs>;
  /** Local files made by earlier stages in this attempt (a retry on another worker starts empty). */
  files: Map<string, string>;
}

export interface Stage<Out = unknown> {
  /** The task status while this stage runs. */
  status: import('../domain/model.js').TaskStatus;
  name: StageName;
  run(ctx: StageContext): Promise<Out>;
}

/** An earlier stage's output this stage cannot run without; the runner runs stages in order, so its absence is a bug. */
export function earlier<K extends StageName>(ctx: Pick<StageContext, 'outputs'>, name: K): NonNullable<Partial<StageOutputs>[K]> {
  const out = ctx.outputs[name];
  if (out === undefined || out === null) throw new Error(`the ${name} stage's output is missing`);
  return out;
}
