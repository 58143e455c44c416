// @klike/client: typed documents for the Klike API (generated from its schema with the
// client-preset) and a small framework-agnostic client (fetch + graphql-ws; no React).
export { createKlikeClient, KlikeError, FINAL_STATUSES } from './client.js';
export type { KlikeClient, KlikeClientOptions, UploadVideoOptions, WatchTaskOptions, TaskEvent, TaskSummary, TaskWithResult } from './client.js';
export { contentTypeFor, type UploadSource } from './upload.js';
export * from './generated/graphql.js';
export { graphql } from './generated/gql.js';
