// Who is making a request: a user (by token or API key), or nobody. Services take a Caller and decide
// what it may reach; graphql-shield decides which operations it may call at all.
export interface Caller {
  userId: string | null;
  role: 'anonymous' | 'user' | 'admin';
  /** How the caller proved who it is. */
  via: 'none' | 'token' | 'api_key';
  /** The credential's revocation handle: "key:<API key id>", or "session:<session family>" for a local access token. */
  credential?: string;
  /** Supabase mode: the access token presented (GoTrue's /logout takes it to end that session). */
  accessToken?: string;
  canAccess(ownerId: string | null): boolean;
}

export const anonymousCaller: Caller = {
  userId: null,
  role: 'anonymous',
  via: 'none',
  canAccess: () => false,
};

export function userCaller(userId: string, role: 'user' | 'admin', via: 'token' | 'api_key', credential?: string): Caller {
  return {
    userId,
    role,
    via,
    credential,
    // Admins see everything; users only what they own.
    canAccess: (ownerId) => role === 'admin' || (ownerId !== null && ownerId === userId),
  };
}
