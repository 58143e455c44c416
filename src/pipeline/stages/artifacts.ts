// What the stages store as their artifacts (task_artifacts), read back by later stages, by a
// resumed task and by the result mapper.
import type { MediaAnalysis, MediaProbe, ThumbnailKind } from '../../domain/media.js';
import type { RecommendOutput } from '../../analysis/ports.js';
import type { Lang } from '../../analysis/i18n.js';

export interface ProcessingOutput {
  sizeBytes: number;
  media: MediaProbe;
}
export interface StoredThumbnail {
  kind: ThumbnailKind;
  atSeconds: number;
  /** Storage key (JPEG); clients get a signed URL for it when they read the result. */
  key: string;
}
/** The extracting_audio stage: the one-pass media analysis, whose outputs include the audio to transcribe. */
export interface AudioOutput {
  audioKey: string | null;
  durationSeconds: number | null;
  /** Why there is no audio to transcribe, when there is none. */
  reason: string | null;
  /** Absent from artifacts stored before the one-pass analysis existed. */
  analysis?: MediaAnalysis;
  thumbnails?: StoredThumbnail[];
}
export interface RecommendationsOutput extends RecommendOutput {
  /** Language of the result's texts (en or pt); absent from artifacts stored before it existed. */
  language?: Lang;
}
