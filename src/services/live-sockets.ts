// The open WebSockets of this API replica: counted per client address and per user (the caps of
// WS_MAX_SOCKETS_PER_IP and WS_MAX_SOCKETS_PER_USER), and found by the credential they connected
// with, so a revoked API key or a signed-out session ends its live subscriptions.
import type { WebSocket } from 'ws';
import { ipBucket } from '../auth/ip.js';

export interface SocketLimits {
  maxSocketsPerIp: number;
  maxSocketsPerUser: number;
}

export class LiveSockets {
  private readonly byIp = new Map<string, number>();
  private readonly byUser = new Map<string, Set<WebSocket>>();
  private readonly byCredential = new Map<string, Set<WebSocket>>();

  constructor(private readonly limits: SocketLimits) {}

  /** A socket just upgraded: counted against its address until it closes; false (not counted) when the address is at its cap. */
  admitAddress(socket: WebSocket, ip: string): boolean {
    const bucket = ipBucket(ip);
    const n = this.byIp.get(bucket) ?? 0;
    if (n >= this.limits.maxSocketsPerIp) return false;
    this.byIp.set(bucket, n + 1);
    socket.once('close', () => {
      const left = (this.byIp.get(bucket) ?? 1) - 1;
      if (left > 0) this.byIp.set(bucket, left);
      else this.byIp.delete(bucket);
    });
    return true;
  }

  /**
   * After connection_init authenticated it: counted against the user and filed under its credential
   * ("key:<id>", "session:<family>") until it closes; false (not counted) when the user is at its cap.
   */
  admitCaller(socket: WebSocket, userId: string | null, credential: string | undefined): boolean {
    if (userId) {
      const mine = this.byUser.get(userId);
      if (mine && mine.size >= this.limits.maxSocketsPerUser) return false;
      add(this.byUser, userId, socket);
    }
    if (credential) add(this.byCredential, credential, socket);
    socket.once('close', () => {
      if (userId) remove(this.byUser, userId, socket);
      if (credential) remove(this.byCredential, credential, socket);
    });
    return true;
  }

  /** Closes every socket that connected with the credential; how many there were. */
  closeCredential(credential: string, code: number, reason: string): number {
    const sockets = [...(this.byCredential.get(credential) ?? [])];
    for (const s of sockets) s.close(code, reason);
    return sockets.length;
  }
}

function add<K>(m: Map<K, Set<WebSocket>>, k: K, s: WebSocket): void {
  let set = m.get(k);
  if (!set) m.set(k, (set = new Set()));
  set.add(s);
}

function remove<K>(m: Map<K, Set<WebSocket>>, k: K, s: WebSocket): void {
  const set = m.get(k);
  if (!set) return;
  set.delete(s);
  if (!set.size) m.delete(k);
}
