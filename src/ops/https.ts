// HTTPS behind a TLS-terminating proxy (TRUST_PROXY): the proxy says how the request arrived in
// X-Forwarded-Proto. With HTTPS_ONLY, plain-HTTP requests are redirected (GET/HEAD, 308 keeps the
// method) or refused (403 HTTPS_REQUIRED), and every response carries HSTS.
import type http from 'node:http';

export interface HttpsPolicy {
  /** Returns true when it answered the request itself (redirect or refusal). */
  handle(req: http.IncomingMessage, res: http.ServerResponse): boolean;
  /** For WebSocket upgrades: false when the upgrade arrived over plain HTTP. */
  allowUpgrade(req: http.IncomingMessage): boolean;
}

/** The scheme the last proxy saw (its entry is the last one; earlier ones are the client's word). */
export function forwardedProto(req: http.IncomingMessage): string | undefined {
  const h = req.headers['x-forwarded-proto'];
  const v = (Array.isArray(h) ? h.join(',') : h)?.split(',').at(-1)?.trim().toLowerCase();
  return v || undefined;
}

export function httpsPolicy(opts: {
  trustProxy: boolean;
  httpsOnly: boolean;
  hstsMaxAgeSeconds: number;
  publicUrl?: string;
}): HttpsPolicy | undefined {
  if (!opts.httpsOnly) return undefined;
  const hsts = `max-age=${opts.hstsMaxAgeSeconds}; includeSubDomains`;
  // Without a trusted proxy there is nobody to say the request was secure: trust only the socket.
  const secure = (req: http.IncomingMessage) =>
    opts.trustProxy ? forwardedProto(req) === 'https' : Boolean((req.socket as { encrypted?: boolean }).encrypted);
  const publicHost = opts.publicUrl ? new URL(opts.publicUrl).host : undefined;
  return {
    handle(req, res) {
      if (secure(req)) {
        res.setHeader('Strict-Transport-Security', hsts);
        return false;
      }
      const method = (req.method ?? 'GET').toUpperCase();
      const host = publicHost ?? req.headers.host;
      if ((method === 'GET' || method === 'HEAD') && host) {
        res.statusCode = 308;
        res.setHeader('Location', `https://${host}${req.url ?? '/'}`);
        res.end();
        return true;
      }
      // A body sent over plain HTTP has already crossed the network in clear: refuse, do not redirect.
      res.statusCode = 403;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ errors: [{ message: 'HTTPS is required', extensions: { code: 'HTTPS_REQUIRED' } }] }));
      return true;
    },
    allowUpgrade: (req) => secure(req),
  };
}
