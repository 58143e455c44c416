// The domain's input rules (src/services/input-rules.ts), one place the services share. Analysis
// options are normalised where they enter; a bad brand is BAD_USER_INPUT naming the argument.
import { describe, expect, it } from 'vitest';
import * as rules from '../../src/services/input-rules.js';
import { validateAnalysisOptions } from '../../src/services/input-rules.js';
import { AppError, ErrorCode } from '../../src/errors.js';

function rejects(input: Parameters<typeof validateAnalysisOptions>[0]) {
  try {
    validateAnalysisOptions(input);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return { code: (e as AppError).code, argument: (e as AppError).details?.argument };
  }
  throw new Error('expected a rejection');
}

describe('validateAnalysisOptions: brand', () => {
  it('keeps a trimmed brand name with single spaces; drops a blank one', () => {
    expect(validateAnalysisOptions({ brand: '  Dry   Step ' })).toEqual({ brand: 'Dry Step' });
    expect(validateAnalysisOptions({ brand: 'Açaí & Co.' })).toEqual({ brand: 'Açaí & Co.' });
    expect(validateAnalysisOptions({ brand: '   ' })).toEqual({});
  });

  it('rejects names too long or with markup', () => {
    expect(rejects({ brand: 'x'.repeat(61) })).toEqual({ code: ErrorCode.BAD_USER_INPUT, argument: 'brand' });
    expect(rejects({ brand: '<script>' })).toEqual({ code: ErrorCode.BAD_USER_INPUT, argument: 'brand' });
    expect(rejects({ brand: '-dash first' })).toEqual({ code: ErrorCode.BAD_USER_INPUT, argument: 'brand' });
  });
});

/** What a rule throws: its code and the argument it names. */
function refusal(f: () => unknown) {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return { code: (e as AppError).code, argument: (e as AppError).details?.argument };
  }
  throw new Error('expected a rejection');
}
const BAD = (argument: string) => ({ code: ErrorCode.BAD_USER_INPUT, argument });

describe('the other rules', () => {
  it('filename: trimmed, 1–255 printable characters', () => {
    expect(rules.filename('  ad final.mp4 ')).toBe('ad final.mp4');
    for (const bad of ['', '   ', 'x'.repeat(256), 'a\u0000b', 'line\nbreak']) expect(refusal(() => rules.filename(bad))).toEqual(BAD('filename'));
  });

  it('title: at most 300 characters, blank is none', () => {
    expect(rules.title('  Spring  ')).toBe('Spring');
    expect(rules.title('   ')).toBeNull();
    expect(rules.title(undefined)).toBeNull();
    expect(refusal(() => rules.title('t'.repeat(301)))).toEqual(BAD('title'));
  });

  it('content type: one of those accepted, matched case-insensitively; else UNSUPPORTED_MEDIA', () => {
    expect(rules.contentType(' Video/MP4 ', ['video/mp4'])).toBe('video/mp4');
    expect(refusal(() => rules.contentType('text/plain', ['video/mp4']))).toEqual({ code: ErrorCode.UNSUPPORTED_MEDIA, argument: undefined });
    expect(() => rules.contentType('image/png', ['text/vtt'], 'for captions')).toThrow('content type image/png is not accepted for captions');
  });

  it('declared size: a positive integer (BAD_USER_INPUT), at most the limit (UPLOAD_TOO_LARGE)', () => {
    expect(rules.declaredSize(10, 10)).toBe(10);
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(refusal(() => rules.declaredSize(bad, 10))).toEqual(BAD('sizeBytes'));
    expect(refusal(() => rules.declaredSize(11, 10))).toEqual({ code: ErrorCode.UPLOAD_TOO_LARGE, argument: undefined });
    expect(() => rules.declaredSize(11, 10, 'the caption limit')).toThrow('sizeBytes exceeds the caption limit of 10 bytes');
  });

  it('language tag: "en", "pt-BR"; blank is none; the same rule for captions and analysis options', () => {
    expect(rules.languageTag('pt-BR')).toBe('pt-BR');
    expect(rules.languageTag('')).toBeNull();
    for (const bad of ['EN', 'english', 'pt_BR', 'en-']) {
      expect(refusal(() => rules.languageTag(bad))).toEqual(BAD('language'));
      expect(refusal(() => validateAnalysisOptions({ language: bad }))).toEqual(BAD('language'));
    }
  });

  it('idempotency key, afterSequence, email, password, API-key name', () => {
    expect(rules.idempotencyKey('order-42')).toBe('order-42');
    expect(refusal(() => rules.idempotencyKey('has space'))).toEqual(BAD('idempotencyKey'));
    expect(refusal(() => rules.idempotencyKey(''))).toEqual(BAD('idempotencyKey'));
    expect(rules.afterSequence(0)).toBe(0);
    expect(rules.afterSequence(undefined)).toBeNull();
    expect(() => rules.afterSequence(-1)).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }));
    expect(rules.email('  Me@Example.COM ')).toBe('me@example.com');
    expect(refusal(() => rules.email('me@localhost'))).toEqual(BAD('email'));
    expect(refusal(() => rules.password('short'))).toEqual(BAD('password'));
    expect(refusal(() => rules.password('x'.repeat(129)))).toEqual(BAD('password'));
    expect(rules.apiKeyName('  ci ')).toBe('ci');
    expect(refusal(() => rules.apiKeyName(' '))).toEqual(BAD('name'));
  });

  it('page window: first 0–max (default), offset ≥ 0', () => {
    const page = { default: 100, max: 500 };
    expect(rules.pageWindow(null, null, page)).toEqual({ first: 100, offset: 0 });
    expect(rules.pageWindow(0, 7, page)).toEqual({ first: 0, offset: 7 });
    expect(refusal(() => rules.pageWindow(501, 0, page))).toEqual(BAD('first'));
    expect(refusal(() => rules.pageWindow(1, -1, page))).toEqual(BAD('offset'));
  });
});
