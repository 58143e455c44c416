// What signing in or up gives a caller: shared by the auth service and its Supabase back end.
import type { UserRow } from '../datasources/postgres/users.js';

export interface Session {
  token: string;
  refreshToken: string;
  expiresAt: Date;
  user: UserRow;
}

/** A sign-up's outcome: signed in, or (Supabase with email confirmation on) an account waiting for its email to be confirmed. */
export type SignUpOutcome = { session: Session } | { confirmEmail: true };
