// The nine rule-based metrics from hand-written facts: each signal moves its metric the documented
// way, thin evidence stays near neutral and says so, and the texts come in English and Portuguese.
import { describe, expect, it } from 'vitest';
import { ruleMetrics } from '../../src/analysis/metrics.js';
import { coefficientOfVariation, METRIC_RULES, type MetricFacts } from '../../src/analysis/metrics/draft.js';
import { measuredChecks } from '../../src/analysis/offline.js';
import type { CreativeMetric } from '../../src/analysis/ports.js';
import type { Transcript } from '../../src/domain/transcript.js';
import { NEUTRAL_SCORE } from '../../src/analysis/scoring-config.js';
import { METRIC_CODES } from '../../src/domain/metrics.js';
import type { MediaAnalysis, MediaProbe } from '../../src/domain/media.js';
import { Platform, type AnalysisOptions } from '../../src/domain/model.js';
import { analysis, everyCut, loudness, NO_TRANSCRIPT, probe, spoken } from './facts.js';

function facts(o: { media?: MediaProbe; analysis?: MediaAnalysis | null; transcript?: Transcript; options?: AnalysisOptions } = {}): MetricFacts {
  const media = o.media ?? probe();
  const a = o.analysis === undefined ? analysis(everyCut(1)) : o.analysis;
  const transcript = o.transcript ?? NO_TRANSCRIPT;
  const options = o.options ?? { platforms: [Platform.TIKTOK] };
  return { media, analysis: a, transcript, options, checks: measuredChecks({ media, mediaAnalysis: a, transcript, options }) };
}
const byCode = (ms: CreativeMetric[]) => Object.fromEntries(ms.map((m) => [m.code, m])) as Record<(typeof METRIC_CODES)[number], CreativeMetric>;

const STRONG = spoken([
  [0.2, 'What if your sneakers stayed dry?'],
  [3, 'Meet DryStep, the new waterproof sneaker. Tired of wet socks? Not anymore.'],
  [7, 'Save twenty percent, only this week. Join thousands of happy runners.'],
  [11, 'Shop now'],
]);

describe('ruleMetrics', () => {
  it('returns the nine metrics in order, all from the rules', () => {
    const ms = ruleMetrics(facts(), 'en');
    expect(ms.map((m) => m.code)).toEqual([...METRIC_CODES]);
    expect(ms.every((m) => m.source === 'rules' && m.score >= 0 && m.score <= 100)).toBe(true);
  });

  it('hook: an early cut, sound at once and words in the first 3 s score high; their absence low', () => {
    const good = byCode(ruleMetrics(facts({ transcript: STRONG }), 'en')).HOOK;
    expect(good.score).toBeGreaterThanOrEqual(85);
    expect(good.wentWell.join(' ')).toContain('A cut at 0:01');
    expect(good.wentWell.join(' ')).toContain('Opens with a question');
    const bad = byCode(ruleMetrics(facts({ analysis: analysis([], { silentOpeningSeconds: 3.5, blackSegments: [{ start: 0, end: 0.8 }] }), transcript: spoken([[4, 'hello there']]) }), 'en')).HOOK;
    expect(bad.score).toBeLessThanOrEqual(15);
    expect(bad.toImprove).toEqual([
      'No cut in the first 3 s: cut, move or show a face by 0:02.',
      'Silent for the first 3.5 s: start music or voice at 0:00.',
      'No words in the first 3 s: say the hook out loud.',
      'Opens on black (0.0–0.8 s): start on the image.',
    ]);
    expect(bad.evidence).toBe('Rule-based, from measured facts: one continuous shot; silent opening 3.50 s; first words at 4.0 s; black 0.0–0.8 s.');
  });

  it('without a transcript, the speech-read metrics stay neutral and say they rest on little signal', () => {
    const ms = byCode(ruleMetrics(facts(), 'en'));
    for (const code of ['STORYTELLING', 'PRODUCT_FOCUS', 'VALUE_PROPOSITION', 'COMMUNITY', 'CALL_TO_ACTION'] as const) {
      expect(ms[code].lowSignal, code).toBe(true);
      expect(Math.abs(ms[code].score - NEUTRAL_SCORE), code).toBeLessThanOrEqual(10);
      expect(ms[code].evidence, code).toMatch(/^Rule-based estimate with little signal, kept near the neutral 50: no transcript \(NO_SPEECH_ENGINE\)/);
      // "Room for improvement" still offers the metric's generic advice.
      expect(ms[code].toImprove.length, code).toBeGreaterThan(0);
    }
    expect(ms.HOOK.lowSignal).toBe(false);
  });

  it('reads story, value, product, community and CTA from the words heard, with the moment', () => {
    const ms = byCode(ruleMetrics(facts({ transcript: STRONG, options: { platforms: [Platform.TIKTOK], brand: 'DryStep' } }), 'en'));
    const weak = byCode(ruleMetrics(facts({ transcript: spoken([[0.2, 'seven glasses of water every day']]) }), 'en'));
    for (const code of ['STORYTELLING', 'VALUE_PROPOSITION', 'PRODUCT_FOCUS', 'COMMUNITY', 'CALL_TO_ACTION'] as const) {
      expect(ms[code].score, code).toBeGreaterThan(weak[code].score);
      expect(ms[code].lowSignal, code).toBe(false);
    }
    expect(ms.CALL_TO_ACTION).toMatchObject({ atSeconds: 11 });
    expect(ms.CALL_TO_ACTION.wentWell[0]).toBe('Call to action heard at 0:11 ("shop now").');
    expect(ms.PRODUCT_FOCUS.wentWell[0]).toBe('Brand "DryStep" heard at 0:03.');
    expect(ms.VALUE_PROPOSITION.evidence).toContain('figure at 7.0 s');
    expect(weak.CALL_TO_ACTION.score).toBe(NEUTRAL_SCORE + METRIC_RULES.cta.missing);
  });

  it('audio: no sound track is near 0; on-target loudness, a voice and subtitles score high', () => {
    expect(byCode(ruleMetrics(facts({ media: probe({ audio: false }), analysis: analysis(everyCut(1), { loudness: null, silences: null, silentOpeningSeconds: null }) }), 'en')).AUDIO_VOICE_SUBTITLES.score).toBeLessThanOrEqual(10);
    const good = byCode(ruleMetrics(facts({ media: probe({ subtitles: [{ codec: 'mov_text', language: 'eng' }] }), transcript: STRONG }), 'en')).AUDIO_VOICE_SUBTITLES;
    expect(good.score).toBeGreaterThanOrEqual(80);
    const quiet = byCode(ruleMetrics(facts({ analysis: analysis(everyCut(1), { loudness: loudness({ integratedLufs: -40 }) }), transcript: STRONG }), 'en')).AUDIO_VOICE_SUBTITLES;
    expect(quiet.toImprove[0]).toBe('-40.0 LUFS is 26.0 LU under −14 LUFS: normalise the mix so it is not quieter than the feed.');
    expect(quiet.score).toBeLessThan(good.score);
  });

  it('quality: resolution, bit rate, frozen and black stretches', () => {
    expect(byCode(ruleMetrics(facts(), 'en')).RESOLUTION_QUALITY.score).toBe(METRIC_RULES.quality.base + METRIC_RULES.quality.fullHd);
    const poor = byCode(ruleMetrics(facts({
      media: probe({ width: 320, height: 240, displayWidth: 320, displayHeight: 240, displayAspectRatio: '4:3', aspectRatio: 4 / 3, bitRate: 30_000 }),
      analysis: analysis(everyCut(1), { frozenSegments: [{ start: 2, end: 9 }], blackSegments: [{ start: 10, end: 11 }] }),
    }), 'en')).RESOLUTION_QUALITY;
    expect(poor.score).toBe(0);
    expect(poor.atSeconds).toBe(2);
    expect(poor.toImprove).toEqual([
      'Very low resolution (320×240): export at 1080×1920.',
      'Low bit rate (30 kb/s for 320×240): it will look blocky after the platform re-encodes it.',
      'The picture stands still for 7.0 s of 15.0 s: replace stills with motion.',
      'Black frames at 0:10: cut them.',
    ]);
  });

  it('storytelling: one shot costs, varied shot lengths help', () => {
    const one = byCode(ruleMetrics(facts({ analysis: analysis([]) , transcript: STRONG }), 'en')).STORYTELLING;
    const varied = byCode(ruleMetrics(facts({ analysis: analysis([0.5, 1, 4, 4.5, 9]), transcript: STRONG }), 'en')).STORYTELLING;
    expect(varied.score - one.score).toBe(METRIC_RULES.story.severalShots + METRIC_RULES.story.variedPacing - METRIC_RULES.story.oneShot);
    expect(coefficientOfVariation([1, 1, 1])).toBe(0);
    expect(coefficientOfVariation([1, 3])).toBeCloseTo(0.5, 10);
  });

  it('writes Portuguese', () => {
    const ms = byCode(ruleMetrics(facts({ analysis: analysis([], { silentOpeningSeconds: 2 }), transcript: NO_TRANSCRIPT }), 'pt'));
    expect(ms.HOOK.toImprove).toEqual(['Nenhum corte nos primeiros 3 s: corte, movimente ou mostre um rosto até 0:02.', 'Silêncio nos primeiros 2,0 s: comece a música ou a voz em 0:00.']);
    expect(ms.HOOK.evidence).toMatch(/^Por regras, a partir de fatos medidos: um único plano contínuo; abertura em silêncio 2,00 s/);
    expect(ms.VALUE_PROPOSITION.evidence).toMatch(/^Estimativa por regras com pouco sinal, mantida perto do neutro 50: sem transcrição/);
    expect(ms.VALUE_PROPOSITION.toImprove).toEqual(['Diga o benefício em uma frase concreta: o que o espectador ganha, com um número se tiver.']);
  });
});
