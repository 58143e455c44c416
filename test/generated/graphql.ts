/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
};

/** An ABCD-style check with the rule, threshold and measured evidence behind it. */
export type AnalysisCheck = {
  __typename?: 'AnalysisCheck';
  atSeconds: Maybe<Scalars['Float']['output']>;
  code: Scalars['String']['output'];
  evidence: Scalars['String']['output'];
  /** null when the check could not be decided. */
  passed: Maybe<Scalars['Boolean']['output']>;
  rule: Scalars['String']['output'];
  threshold: Scalars['String']['output'];
  title: Scalars['String']['output'];
};

export type AnalysisOptionsInput = {
  audiences?: InputMaybe<Array<Audience>>;
  /** en, pt, …; detected from speech when omitted. */
  language?: InputMaybe<Scalars['String']['input']>;
  objective?: InputMaybe<Scalars['String']['input']>;
  platforms?: InputMaybe<Array<Platform>>;
};

export type AnalysisResult = {
  __typename?: 'AnalysisResult';
  /** Share of decided checks passed, ×100. */
  abcdScore: Maybe<Scalars['Int']['output']>;
  checks: Array<AnalysisCheck>;
  detectedIssues: Array<DetectedIssue>;
  /** A 76–100, B 51–75, C 26–50, D 0–25 */
  grade: Scalars['String']['output'];
  media: MediaFacts;
  model: Maybe<Scalars['String']['output']>;
  promptVersion: Maybe<Scalars['String']['output']>;
  provider: Scalars['String']['output'];
  recommendations: Array<Recommendation>;
  /** True when the findings come from deterministic rules, not a model. */
  ruleBased: Scalars['Boolean']['output'];
  /** 0–100 */
  score: Scalars['Int']['output'];
  scoreBeforePenalties: Scalars['Int']['output'];
  summary: Scalars['String']['output'];
  transcript: Transcript;
};

export type AnalyzeVideoInput = {
  analysis?: InputMaybe<AnalysisOptionsInput>;
  videoId: Scalars['ID']['input'];
};

export type AnalyzeVideoPayload = {
  __typename?: 'AnalyzeVideoPayload';
  task: Task;
};

export type Audience =
  | 'BOOMERS'
  | 'GEN_X'
  | 'GEN_Z'
  | 'MILLENNIALS';

export type AudioStreamFacts = {
  __typename?: 'AudioStreamFacts';
  channels: Maybe<Scalars['Int']['output']>;
  codec: Scalars['String']['output'];
  sampleRate: Maybe<Scalars['Int']['output']>;
};

export type ConfirmVideoUploadInput = {
  analysis?: InputMaybe<AnalysisOptionsInput>;
  videoId: Scalars['ID']['input'];
};

export type ConfirmVideoUploadPayload = {
  __typename?: 'ConfirmVideoUploadPayload';
  task: Task;
  video: Video;
};

export type CreateVideoUploadInput = {
  contentType: Scalars['String']['input'];
  filename: Scalars['String']['input'];
  sizeBytes: Scalars['Int']['input'];
  title?: InputMaybe<Scalars['String']['input']>;
};

export type CreateVideoUploadPayload = {
  __typename?: 'CreateVideoUploadPayload';
  expiresAt: Scalars['DateTime']['output'];
  uploadHeaders: Array<HttpHeader>;
  uploadMethod: Scalars['String']['output'];
  uploadUrl: Scalars['String']['output'];
  video: Video;
};

export type DetectedIssue = {
  __typename?: 'DetectedIssue';
  atSeconds: Maybe<Scalars['Float']['output']>;
  code: Scalars['String']['output'];
  detail: Scalars['String']['output'];
  evidence: Scalars['String']['output'];
  penalty: Scalars['Int']['output'];
  platforms: Array<Platform>;
  severity: Scalars['String']['output'];
  title: Scalars['String']['output'];
};

export type Health = {
  __typename?: 'Health';
  ok: Scalars['Boolean']['output'];
  version: Scalars['String']['output'];
};

export type HttpHeader = {
  __typename?: 'HttpHeader';
  name: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

/** Measured facts about the file (ffprobe). */
export type MediaFacts = {
  __typename?: 'MediaFacts';
  audio: Maybe<AudioStreamFacts>;
  bitRate: Maybe<Scalars['Float']['output']>;
  container: Scalars['String']['output'];
  durationSeconds: Maybe<Scalars['Float']['output']>;
  sizeBytes: Maybe<Scalars['Float']['output']>;
  subtitles: Array<SubtitleStreamFacts>;
  video: Maybe<VideoStreamFacts>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Analyse an uploaded video again, e.g. for other platforms. */
  analyzeVideo: AnalyzeVideoPayload;
  /** Stops a queued or running task; CANCELLED is final. */
  cancelTask: Task;
  /** Step 2: check the upload and start its analysis. Idempotent. */
  confirmVideoUpload: ConfirmVideoUploadPayload;
  /** Step 1: a signed URL to PUT the video to, straight to storage. */
  createVideoUpload: CreateVideoUploadPayload;
};


export type MutationAnalyzeVideoArgs = {
  input: AnalyzeVideoInput;
};


export type MutationCancelTaskArgs = {
  id: Scalars['ID']['input'];
};


export type MutationConfirmVideoUploadArgs = {
  input: ConfirmVideoUploadInput;
};


export type MutationCreateVideoUploadArgs = {
  input: CreateVideoUploadInput;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor: Maybe<Scalars['String']['output']>;
};

export type Platform =
  | 'LINKEDIN'
  | 'META_FEED'
  | 'META_REELS'
  | 'META_STORIES'
  | 'SNAPCHAT'
  | 'TIKTOK'
  | 'YOUTUBE'
  | 'YOUTUBE_SHORTS';

export type Query = {
  __typename?: 'Query';
  /** Liveness; public. */
  health: Health;
  task: Maybe<Task>;
  /** Your tasks, newest first, optionally by status. */
  tasks: TaskConnection;
  /** A video of yours; null when there is none with that id. */
  video: Maybe<Video>;
  /** Your videos, newest first (Relay cursor connection). */
  videos: VideoConnection;
};


export type QueryTaskArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<TaskStatus>;
};


export type QueryVideoArgs = {
  id: Scalars['ID']['input'];
};


export type QueryVideosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Recommendation = {
  __typename?: 'Recommendation';
  atSeconds: Maybe<Scalars['Float']['output']>;
  category: Scalars['String']['output'];
  priority: Scalars['Int']['output'];
  target: Maybe<Scalars['String']['output']>;
  text: Scalars['String']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Replays logged events after `afterSequence` (all when omitted), then streams live ones with no gap or duplicate, and completes after COMPLETED, FAILED or CANCELLED. Reconnect with the last sequence you saw to miss nothing. */
  taskUpdated: TaskEvent;
};


export type SubscriptionTaskUpdatedArgs = {
  afterSequence?: InputMaybe<Scalars['Int']['input']>;
  taskId: Scalars['ID']['input'];
};

export type SubtitleStreamFacts = {
  __typename?: 'SubtitleStreamFacts';
  codec: Scalars['String']['output'];
  language: Maybe<Scalars['String']['output']>;
};

export type Task = {
  __typename?: 'Task';
  createdAt: Scalars['DateTime']['output'];
  error: Maybe<TaskError>;
  /** The full event log, in sequence order. */
  events: Array<TaskEvent>;
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** Sequence of the latest event. */
  lastSequence: Scalars['Int']['output'];
  progress: Scalars['Int']['output'];
  result: Maybe<AnalysisResult>;
  startedAt: Maybe<Scalars['DateTime']['output']>;
  status: TaskStatus;
  video: Video;
};

export type TaskConnection = {
  __typename?: 'TaskConnection';
  edges: Array<TaskEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type TaskEdge = {
  __typename?: 'TaskEdge';
  cursor: Scalars['String']['output'];
  node: Task;
};

/** A coded error: branch on `code`, show `message`. */
export type TaskError = {
  __typename?: 'TaskError';
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

export type TaskEvent = {
  __typename?: 'TaskEvent';
  at: Scalars['DateTime']['output'];
  error: Maybe<TaskError>;
  message: Maybe<Scalars['String']['output']>;
  progress: Scalars['Int']['output'];
  /** 1, 2, 3… per task; resume with taskUpdated(afterSequence:). */
  sequence: Scalars['Int']['output'];
  status: TaskStatus;
  taskId: Scalars['ID']['output'];
};

/** Where a task is in the analysis pipeline. */
export type TaskStatus =
  | 'ANALYZING_AI'
  | 'CANCELLED'
  | 'COMPLETED'
  | 'EXTRACTING_AUDIO'
  | 'FAILED'
  | 'GENERATING_RECOMMENDATIONS'
  | 'PROCESSING'
  | 'QUEUED'
  | 'TRANSCRIBING';

export type Transcript = {
  __typename?: 'Transcript';
  available: Scalars['Boolean']['output'];
  engine: Maybe<Scalars['String']['output']>;
  language: Maybe<Scalars['String']['output']>;
  segments: Array<TranscriptSegment>;
  text: Maybe<Scalars['String']['output']>;
  /** Why there is no transcript, when there is none. */
  unavailableReason: Maybe<Scalars['String']['output']>;
};

export type TranscriptSegment = {
  __typename?: 'TranscriptSegment';
  confidence: Maybe<Scalars['Float']['output']>;
  end: Scalars['Float']['output'];
  start: Scalars['Float']['output'];
  text: Scalars['String']['output'];
};

export type Video = {
  __typename?: 'Video';
  contentType: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** Declared at createVideoUpload. */
  declaredSizeBytes: Scalars['Float']['output'];
  filename: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  media: Maybe<MediaFacts>;
  rejection: Maybe<TaskError>;
  /** Measured in storage at confirm. */
  sizeBytes: Maybe<Scalars['Float']['output']>;
  status: VideoStatus;
  /** Analyses of this video, newest first. */
  tasks: Array<Task>;
  title: Maybe<Scalars['String']['output']>;
  uploadedAt: Maybe<Scalars['DateTime']['output']>;
};

export type VideoConnection = {
  __typename?: 'VideoConnection';
  edges: Array<VideoEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type VideoEdge = {
  __typename?: 'VideoEdge';
  cursor: Scalars['String']['output'];
  node: Video;
};

export type VideoStatus =
  | 'AWAITING_UPLOAD'
  | 'REJECTED'
  | 'UPLOADED';

export type VideoStreamFacts = {
  __typename?: 'VideoStreamFacts';
  aspectRatio: Scalars['Float']['output'];
  codec: Scalars['String']['output'];
  /** e.g. "9:16" */
  displayAspectRatio: Scalars['String']['output'];
  displayHeight: Scalars['Int']['output'];
  /** Width as displayed, rotation applied. */
  displayWidth: Scalars['Int']['output'];
  frameRate: Maybe<Scalars['Float']['output']>;
  height: Scalars['Int']['output'];
  pixelFormat: Maybe<Scalars['String']['output']>;
  rotation: Scalars['Int']['output'];
  variableFrameRate: Scalars['Boolean']['output'];
  width: Scalars['Int']['output'];
};

export type AnalysisOptionsInput = {
  audiences?: Array<Audience> | null | undefined;
  /** en, pt, …; detected from speech when omitted. */
  language?: string | null | undefined;
  objective?: string | null | undefined;
  platforms?: Array<Platform> | null | undefined;
};

export type AnalyzeVideoInput = {
  analysis?: AnalysisOptionsInput | null | undefined;
  videoId: string | number;
};

export type Audience =
  | 'BOOMERS'
  | 'GEN_X'
  | 'GEN_Z'
  | 'MILLENNIALS';

export type ConfirmVideoUploadInput = {
  analysis?: AnalysisOptionsInput | null | undefined;
  videoId: string | number;
};

export type CreateVideoUploadInput = {
  contentType: string;
  filename: string;
  sizeBytes: number;
  title?: string | null | undefined;
};

export type Platform =
  | 'LINKEDIN'
  | 'META_FEED'
  | 'META_REELS'
  | 'META_STORIES'
  | 'SNAPCHAT'
  | 'TIKTOK'
  | 'YOUTUBE'
  | 'YOUTUBE_SHORTS';

/** Where a task is in the analysis pipeline. */
export type TaskStatus =
  | 'ANALYZING_AI'
  | 'CANCELLED'
  | 'COMPLETED'
  | 'EXTRACTING_AUDIO'
  | 'FAILED'
  | 'GENERATING_RECOMMENDATIONS'
  | 'PROCESSING'
  | 'QUEUED'
  | 'TRANSCRIBING';

export type VideoStatus =
  | 'AWAITING_UPLOAD'
  | 'REJECTED'
  | 'UPLOADED';

export type EventFieldsFragment = { taskId: string, sequence: number, status: TaskStatus, progress: number, message: string | null, at: string, error: { code: string, message: string } | null };

export type ResultFieldsFragment = { score: number, grade: string, scoreBeforePenalties: number, abcdScore: number | null, summary: string, provider: string, model: string | null, ruleBased: boolean, media: { container: string, durationSeconds: number | null, sizeBytes: number | null, video: { codec: string, width: number, height: number, displayWidth: number, displayHeight: number, displayAspectRatio: string, aspectRatio: number, frameRate: number | null } | null, audio: { codec: string, sampleRate: number | null, channels: number | null } | null }, transcript: { available: boolean, engine: string | null, unavailableReason: string | null, text: string | null, segments: Array<{ start: number, end: number, text: string }> }, checks: Array<{ code: string, passed: boolean | null, rule: string, threshold: string, evidence: string, atSeconds: number | null }>, detectedIssues: Array<{ code: string, severity: string, penalty: number, title: string, detail: string, platforms: Array<Platform>, evidence: string }>, recommendations: Array<{ priority: number, category: string, target: string | null, text: string, atSeconds: number | null }> };

export type CreateVideoUploadMutationVariables = Exact<{
  input: CreateVideoUploadInput;
}>;


export type CreateVideoUploadMutation = { createVideoUpload: { uploadUrl: string, uploadMethod: string, expiresAt: string, video: { id: string, status: VideoStatus, filename: string, contentType: string, declaredSizeBytes: number }, uploadHeaders: Array<{ name: string, value: string }> } };

export type ConfirmVideoUploadMutationVariables = Exact<{
  input: ConfirmVideoUploadInput;
}>;


export type ConfirmVideoUploadMutation = { confirmVideoUpload: { video: { id: string, status: VideoStatus, sizeBytes: number | null, media: { durationSeconds: number | null, video: { width: number, height: number, displayAspectRatio: string } | null, audio: { codec: string } | null } | null }, task: { id: string, status: TaskStatus, progress: number, lastSequence: number } } };

export type AnalyzeVideoMutationVariables = Exact<{
  input: AnalyzeVideoInput;
}>;


export type AnalyzeVideoMutation = { analyzeVideo: { task: { id: string, status: TaskStatus } } };

export type CancelTaskMutationVariables = Exact<{
  id: string | number;
}>;


export type CancelTaskMutation = { cancelTask: { id: string, status: TaskStatus, error: { code: string } | null } };

export type GetTaskQueryVariables = Exact<{
  id: string | number;
}>;


export type GetTaskQuery = { task: { id: string, status: TaskStatus, progress: number, lastSequence: number, createdAt: string, startedAt: string | null, finishedAt: string | null, error: { code: string, message: string } | null, events: Array<{ taskId: string, sequence: number, status: TaskStatus, progress: number, message: string | null, at: string, error: { code: string, message: string } | null }>, result: { score: number, grade: string, scoreBeforePenalties: number, abcdScore: number | null, summary: string, provider: string, model: string | null, ruleBased: boolean, media: { container: string, durationSeconds: number | null, sizeBytes: number | null, video: { codec: string, width: number, height: number, displayWidth: number, displayHeight: number, displayAspectRatio: string, aspectRatio: number, frameRate: number | null } | null, audio: { codec: string, sampleRate: number | null, channels: number | null } | null }, transcript: { available: boolean, engine: string | null, unavailableReason: string | null, text: string | null, segments: Array<{ start: number, end: number, text: string }> }, checks: Array<{ code: string, passed: boolean | null, rule: string, threshold: string, evidence: string, atSeconds: number | null }>, detectedIssues: Array<{ code: string, severity: string, penalty: number, title: string, detail: string, platforms: Array<Platform>, evidence: string }>, recommendations: Array<{ priority: number, category: string, target: string | null, text: string, atSeconds: number | null }> } | null, video: { id: string, status: VideoStatus } } | null };

export type GetVideoQueryVariables = Exact<{
  id: string | number;
}>;


export type GetVideoQuery = { video: { id: string, status: VideoStatus, rejection: { code: string, message: string } | null, tasks: Array<{ id: string, status: TaskStatus }> } | null };

export type ListVideosQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ListVideosQuery = { videos: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, tasks: Array<{ id: string, status: TaskStatus, video: { id: string } }> } }> } };

export type ListTasksQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  status?: TaskStatus | null | undefined;
}>;


export type ListTasksQuery = { tasks: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, status: TaskStatus, video: { id: string } } }> } };

export type HealthQueryVariables = Exact<{ [key: string]: never; }>;


export type HealthQuery = { health: { ok: boolean } };

export type TaskUpdatedSubscriptionVariables = Exact<{
  taskId: string | number;
  afterSequence?: number | null | undefined;
}>;


export type TaskUpdatedSubscription = { taskUpdated: { taskId: string, sequence: number, status: TaskStatus, progress: number, message: string | null, at: string, error: { code: string, message: string } | null } };

export const EventFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TaskEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskId"}},{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<EventFieldsFragment, unknown>;
export const ResultFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ResultFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnalysisResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"scoreBeforePenalties"}},{"kind":"Field","name":{"kind":"Name","value":"abcdScore"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"ruleBased"}},{"kind":"Field","name":{"kind":"Name","value":"media"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"container"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"video"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"codec"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"displayWidth"}},{"kind":"Field","name":{"kind":"Name","value":"displayHeight"}},{"kind":"Field","name":{"kind":"Name","value":"displayAspectRatio"}},{"kind":"Field","name":{"kind":"Name","value":"aspectRatio"}},{"kind":"Field","name":{"kind":"Name","value":"frameRate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"audio"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"codec"}},{"kind":"Field","name":{"kind":"Name","value":"sampleRate"}},{"kind":"Field","name":{"kind":"Name","value":"channels"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"transcript"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"engine"}},{"kind":"Field","name":{"kind":"Name","value":"unavailableReason"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"segments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"checks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"passed"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"}},{"kind":"Field","name":{"kind":"Name","value":"atSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"detectedIssues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"penalty"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"platforms"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recommendations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"atSeconds"}}]}}]}}]} as unknown as DocumentNode<ResultFieldsFragment, unknown>;
export const CreateVideoUploadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateVideoUpload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateVideoUploadInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createVideoUpload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"video"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"contentType"}},{"kind":"Field","name":{"kind":"Name","value":"declaredSizeBytes"}}]}},{"kind":"Field","name":{"kind":"Name","value":"uploadUrl"}},{"kind":"Field","name":{"kind":"Name","value":"uploadMethod"}},{"kind":"Field","name":{"kind":"Name","value":"uploadHeaders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<CreateVideoUploadMutation, CreateVideoUploadMutationVariables>;
export const ConfirmVideoUploadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfirmVideoUpload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConfirmVideoUploadInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmVideoUpload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"video"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"media"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"video"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"displayAspectRatio"}}]}},{"kind":"Field","name":{"kind":"Name","value":"audio"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"codec"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"lastSequence"}}]}}]}}]}}]} as unknown as DocumentNode<ConfirmVideoUploadMutation, ConfirmVideoUploadMutationVariables>;
export const AnalyzeVideoDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AnalyzeVideo"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AnalyzeVideoInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"analyzeVideo"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<AnalyzeVideoMutation, AnalyzeVideoMutationVariables>;
export const CancelTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CancelTaskMutation, CancelTaskMutationVariables>;
export const GetTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GetTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"lastSequence"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EventFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ResultFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"video"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TaskEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskId"}},{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ResultFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AnalysisResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"scoreBeforePenalties"}},{"kind":"Field","name":{"kind":"Name","value":"abcdScore"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"ruleBased"}},{"kind":"Field","name":{"kind":"Name","value":"media"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"container"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"video"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"codec"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"displayWidth"}},{"kind":"Field","name":{"kind":"Name","value":"displayHeight"}},{"kind":"Field","name":{"kind":"Name","value":"displayAspectRatio"}},{"kind":"Field","name":{"kind":"Name","value":"aspectRatio"}},{"kind":"Field","name":{"kind":"Name","value":"frameRate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"audio"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"codec"}},{"kind":"Field","name":{"kind":"Name","value":"sampleRate"}},{"kind":"Field","name":{"kind":"Name","value":"channels"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"transcript"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"engine"}},{"kind":"Field","name":{"kind":"Name","value":"unavailableReason"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"segments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"checks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"passed"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"}},{"kind":"Field","name":{"kind":"Name","value":"atSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"detectedIssues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"penalty"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"platforms"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recommendations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"atSeconds"}}]}}]}}]} as unknown as DocumentNode<GetTaskQuery, GetTaskQueryVariables>;
export const GetVideoDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GetVideo"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"video"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rejection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<GetVideoQuery, GetVideoQueryVariables>;
export const ListVideosDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ListVideos"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"videos"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"video"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ListVideosQuery, ListVideosQueryVariables>;
export const ListTasksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ListTasks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"video"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ListTasksQuery, ListTasksQueryVariables>;
export const HealthDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Health"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"health"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}}]}}]}}]} as unknown as DocumentNode<HealthQuery, HealthQueryVariables>;
export const TaskUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TaskUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"taskId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"afterSequence"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"taskId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"taskId"}}},{"kind":"Argument","name":{"kind":"Name","value":"afterSequence"},"value":{"kind":"Variable","name":{"kind":"Name","value":"afterSequence"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EventFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TaskEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskId"}},{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<TaskUpdatedSubscription, TaskUpdatedSubscriptionVariables>;