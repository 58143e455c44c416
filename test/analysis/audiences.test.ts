// Audience fit from form: the documented heuristics, in both languages.
import { describe, expect, it } from 'vitest';
import { AUDIENCE_RULES, audienceAdvice, ruleAudienceScores } from '../../src/analysis/audiences.js';
import { Audience, Platform } from '../../src/domain/model.js';
import { analysis, everyCut, landscape, NO_TRANSCRIPT, probe, spoken } from './facts.js';

const fastVertical = { media: probe({ duration: 12 }), analysis: analysis(everyCut(1, 12), {}, 12), transcript: NO_TRANSCRIPT, platforms: [Platform.TIKTOK] };
const slowLandscape = { media: landscape({ duration: 60 }), analysis: analysis(everyCut(4, 60), {}, 60), transcript: NO_TRANSCRIPT, platforms: [Platform.YOUTUBE] };
const score = (list: { audience: string; score: number }[], a: Audience) => list.find((x) => x.audience === a)!.score;

describe('ruleAudienceScores', () => {
  it('vertical, fast and short on TikTok fits Gen Z, not Boomers', () => {
    const s = ruleAudienceScores(fastVertical, undefined, 'en');
    expect(s.map((a) => a.audience)).toEqual(['GEN_Z', 'MILLENNIALS', 'GEN_X', 'BOOMERS']);
    expect(s.every((a) => a.source === 'rules')).toBe(true);
    expect(score(s, Audience.GEN_Z)).toBe(95);
    expect(score(s, Audience.BOOMERS)).toBe(25);
    expect(s[0]!.reasoning).toBe('Rule-based (pacing, length, format, platforms) for Gen Z: for: vertical, as in the feeds Gen Z watches, fast cuts (≤ 2 s a shot), short (≤ 15 s), runs on vertical feeds.');
    expect(s[3]!.reasoning).toMatch(/\(not measured: speech rate\)\.$/);
  });

  it('landscape, calm and a minute long on YouTube fits Boomers and Gen X better than Gen Z', () => {
    const s = ruleAudienceScores(slowLandscape, undefined, 'en');
    expect(score(s, Audience.BOOMERS)).toBe(90);
    expect(score(s, Audience.GEN_X)).toBe(85);
    expect(score(s, Audience.GEN_Z)).toBeLessThan(score(s, Audience.BOOMERS));
  });

  it('scores only the audiences asked for, in that order, and says what it could not measure', () => {
    const s = ruleAudienceScores({ ...fastVertical, analysis: null }, [Audience.BOOMERS, Audience.GEN_Z], 'en');
    expect(s.map((a) => a.audience)).toEqual(['BOOMERS', 'GEN_Z']);
    expect(s[0]!.reasoning).toMatch(/\(not measured: pacing, speech rate\)\.$/);
    expect(s[1]!.reasoning).toMatch(/: for: vertical, as in the feeds Gen Z watches, short \(≤ 15 s\), runs on vertical feeds \(not measured: pacing\)\.$/);
  });

  it('slow speech matters to Boomers only when it was measured', () => {
    const fast = { ...slowLandscape, transcript: { ...spoken([[0, 'a b c']]), wordsPerMinute: 210 } };
    expect(score(ruleAudienceScores(fast, [Audience.BOOMERS], 'en'), Audience.BOOMERS)).toBe(80);
    expect(audienceAdvice(fast, Audience.BOOMERS, 'en')).toEqual(['Slow the voice-over to about 150 words a minute.']);
  });

  it('writes Portuguese and gives advice from the rules that cost points', () => {
    const s = ruleAudienceScores(fastVertical, [Audience.BOOMERS], 'pt');
    expect(s[0]!.reasoning).toBe('Por regras (ritmo, duração, formato, plataformas) para Boomers: contra: cortes rápidos (< 1,5 s por plano), só no TikTok ou Snapchat (sem medição: velocidade da fala).');
    expect(audienceAdvice(fastVertical, Audience.BOOMERS, 'pt')).toEqual([
      'Desacelere a edição: 3 s ou mais por plano, e segure a oferta na tela.',
      'Veicule também no YouTube ou no feed do Facebook.',
    ]);
    expect(audienceAdvice(fastVertical, Audience.GEN_Z, 'pt')).toEqual([]);
  });

  it('has rules for every audience, each with a reason in both languages', () => {
    expect(Object.keys(AUDIENCE_RULES).sort()).toEqual(Object.values(Audience).sort());
    for (const rules of Object.values(AUDIENCE_RULES)) for (const r of rules) {
      expect(r.reason.every(Boolean)).toBe(true);
      if (r.points < 0) expect(r.advice?.every(Boolean)).toBe(true);
    }
  });
});
