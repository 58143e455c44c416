// Signed, time-limited report links (/reports/<taskId>?exp=…&sig=…), like the local storage
// driver's download URLs: whoever holds the link may read that one report until it expires, with no
// credential in the browser.
import { createHmac } from 'node:crypto';
import { parseCanonicalUnixSeconds, signatureEquals } from '../auth/signed-params.js';
import { AppError, ErrorCode } from '../errors.js';

export const REPORT_PATH_PREFIX = '/reports/';
const VERSION = 'klike-report-v1';

export class ReportLinks {
  constructor(private readonly opts: { secret: string; publicBaseUrl: () => string; ttlSeconds: number; now?: () => number }) {}

  private sign(taskId: string, exp: number): string {
    return createHmac('sha256', this.opts.secret).update(`${VERSION}\n${taskId}\n${exp}`).digest('base64url');
  }

  url(taskId: string, ttlSeconds = this.opts.ttlSeconds): string {
    const exp = Math.floor((this.opts.now?.() ?? Date.now()) / 1000) + ttlSeconds;
    return `${this.opts.publicBaseUrl()}${REPORT_PATH_PREFIX}${taskId}?exp=${exp}&sig=${this.sign(taskId, exp)}`;
  }

  /** Throws FORBIDDEN with details.reason 'invalid' or 'expired' (an edited exp is invalid). */
  verify(taskId: string, query: URLSearchParams): void {
    // Exactly as url() writes them: no leading zero, no padding or other spelling of the signature.
    const exp = parseCanonicalUnixSeconds(query.get('exp'));
    if (exp === null || !signatureEquals(this.sign(taskId, exp), query.get('sig'))) {
      throw new AppError(ErrorCode.FORBIDDEN, 'Report link is invalid', { details: { reason: 'invalid' } });
    }
    if (exp * 1000 <= (this.opts.now?.() ?? Date.now()))
      throw new AppError(ErrorCode.FORBIDDEN, 'Report link has expired', { details: { reason: 'expired' } });
  }
}
