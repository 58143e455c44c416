// Analysis options are normalised where they enter; a bad brand is BAD_USER_INPUT naming the argument.
import { describe, expect, it } from 'vitest';
import { validateAnalysisOptions } from '../../src/services/analysis-options.js';
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
