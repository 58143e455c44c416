// graphql-shield rule tree: deny by default, every field named. Until accounts exist the operations
// are open to the (anonymous) caller, whose reach services already limit to owner-less data.
import { allow, deny, shield } from './shield.js';
import { AppError, ErrorCode } from '../errors.js';

export const permissions = shield(
  {
    Query: { '*': deny, health: allow, video: allow, videos: allow, task: allow, tasks: allow },
    Mutation: { '*': deny, createVideoUpload: allow, confirmVideoUpload: allow, analyzeVideo: allow, cancelTask: allow },
    Subscription: { '*': deny, taskUpdated: allow },
  },
  {
    allowExternalErrors: true,
    fallbackRule: allow,
    fallbackError: () => new AppError(ErrorCode.FORBIDDEN, 'Not allowed'),
  },
);
