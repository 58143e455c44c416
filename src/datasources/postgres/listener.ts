// A dedicated LISTEN connection (a pooled client cannot hold LISTEN) that reconnects with backoff
// and reports reconnections, so callers can re-read what they may have missed from the log.
import pg from 'pg';
import type { Logger } from '../../logger.js';

export interface Listener {
  close(): Promise<void>;
}

export async function listen(opts: {
  url: string;
  channel: string;
  onNotification: (payload: string) => void;
  onReconnect?: () => void;
  logger: Logger;
}): Promise<Listener> {
  let client: pg.Client | null = null;
  let closed = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: opts.url, keepAlive: true, application_name: 'klike-listener' });
    c.on('notification', (n) => {
      if (n.channel === opts.channel && n.payload) opts.onNotification(n.payload);
    });
    c.on('error', (e) => {
      opts.logger.warn('listener connection lost', { error: e });
      scheduleReconnect();
    });
    c.on('end', () => scheduleReconnect());
    await c.connect();
    await c.query(`LISTEN ${pg.escapeIdentifier(opts.channel)}`);
    client = c;
    attempt = 0;
  };

  const scheduleReconnect = () => {
    if (closed || timer) return;
    const old = client;
    client = null;
    old?.removeAllListeners();
    old?.on('error', () => {});
    old?.end().catch(() => {});
    const delay = Math.min(5000, 100 * 2 ** attempt++);
    timer = setTimeout(async () => {
      timer = undefined;
      try {
        await connect();
        opts.logger.info('listener reconnected', { channel: opts.channel });
        opts.onReconnect?.();
      } catch (e) {
        opts.logger.warn('listener reconnect failed', { error: e });
        scheduleReconnect();
      }
    }, delay);
  };

  await connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      c?.removeAllListeners();
      c?.on('error', () => {});
      await c?.end().catch(() => {});
    },
  };
}
