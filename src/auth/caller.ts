// Who is making a request. Until accounts exist every caller is anonymous and owns the anonymous
// (owner-less) videos; the identity work replaces `anonymousCaller` with token-derived callers.
export interface Caller {
  userId: string | null;
  role: 'anonymous' | 'user' | 'admin';
  canAccess(ownerId: string | null): boolean;
}

export const anonymousCaller: Caller = {
  userId: null,
  role: 'anonymous',
  canAccess: (ownerId) => ownerId === null,
};
