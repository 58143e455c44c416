// Credential revocations heard from Postgres: every process LISTENing on the task-events channel
// (src/datasources/postgres/users.ts sends them there, in the statement that revokes) learns of a
// revoked API key or an ended session within milliseconds, and drops what it cached about it and
// the live subscriptions that connected with it.
import type { Revocation } from '../datasources/postgres/users.js';

export type RevocationListener = (r: Revocation | 'reconnected') => void;

export class Revocations {
  private readonly listeners = new Set<RevocationListener>();

  on(listener: RevocationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A revocation notification (possibly sent by this very process). */
  emit(r: Revocation): void {
    for (const l of this.listeners) l(r);
  }

  /** The listener connection was lost and is back: anything may have been missed, so forget what is cached. */
  reconnected(): void {
    for (const l of this.listeners) l('reconnected');
  }
}
