import { VideoResolver } from './video.resolver.js';
import { TaskResolver } from './task.resolver.js';
import { HealthResolver } from './health.resolver.js';
import { AuthResolver } from './auth.resolver.js';
import { CalculatorResolver } from './calculator.resolver.js';
import { MediaThumbnailResolver } from './media.resolver.js';
import { DetectedIssueResolver } from './issue.resolver.js';
import { PerceivedFrameResolver, SeenEvidenceResolver } from './perception.types.js';
import { CaptionResolver, TranscriptExportResolver, VideoCaptionsResolver } from './caption.resolver.js';
import { WebhookResolver } from './webhook.resolver.js';
import { TaskReportResolver } from './report.resolver.js';

export const resolvers = [
  VideoResolver,
  TaskResolver,
  HealthResolver,
  AuthResolver,
  CalculatorResolver,
  MediaThumbnailResolver,
  DetectedIssueResolver,
  CaptionResolver,
  VideoCaptionsResolver,
  TranscriptExportResolver,
  WebhookResolver,
  TaskReportResolver,
  PerceivedFrameResolver,
  SeenEvidenceResolver,
] as const;
