// Template recommendations in English and Portuguese, ranking (priority 1 = first), grouping, and
// the small pieces they are made of: timestamps, phrase matching, cost of usage.
import { describe, expect, it } from 'vitest';
import { costOfUsage } from '../../src/analysis/cost.js';
import { resultLanguage, timestampLabel } from '../../src/analysis/i18n.js';
import { CTA_PHRASES, findPhrases, normalizeText } from '../../src/analysis/keywords.js';
import { measuredChecks, measuredIssues, OfflineAnalyzer, OfflineRecommender } from '../../src/analysis/offline.js';
import type { CreativeAnalysis, Recommendation } from '../../src/analysis/ports.js';
import type { Transcript } from '../../src/domain/transcript.js';
import { checkCategory, groupActions, rankRecommendations, ruleRecommendations, ruleSummary } from '../../src/analysis/recommendations.js';
import { Audience, Platform, type AnalysisOptions } from '../../src/domain/model.js';
import { analysis, everyCut, landscape, loudness, NO_TRANSCRIPT, noVideo, spoken } from './facts.js';

// A 16:9, quiet, single-shot ad with a silent opening, on TikTok and YouTube.
const media = landscape({ duration: 15 });
const mediaAnalysis = analysis([], { silentOpeningSeconds: 3.2, loudness: loudness({ integratedLufs: -24 }) });
const transcript = spoken([[3.4, 'seven glasses of water every day']]);
const options = (language?: string): AnalysisOptions => ({ platforms: [Platform.TIKTOK, Platform.YOUTUBE], audiences: [Audience.GEN_Z, Audience.BOOMERS], language });

async function analysed(language?: string): Promise<CreativeAnalysis> {
  return new OfflineAnalyzer().analyze({ media, mediaAnalysis, transcript, options: options(language), videoFile: noVideo, signal: new AbortController().signal });
}
const input = async (language?: string) => ({ analysis: await analysed(language), media, mediaAnalysis, transcript, options: options(language) });
const rank = (a: CreativeAnalysis, recs: Recommendation[]) =>
  rankRecommendations(recs, { metrics: a.metrics ?? [], audienceScores: a.audienceScores ?? [], issues: a.issues, source: 'rules' });

describe('ruleRecommendations', () => {
  it('one action per issue kind, per weak metric, per platform and per audience, ranked 1…n', async () => {
    const i = await input();
    const ranked = rank(i.analysis, ruleRecommendations(i, 'en'));
    expect(ranked.map((r) => r.priority)).toEqual(ranked.map((_, k) => k + 1));
    const by = (cat: string) => ranked.filter((r) => r.category === cat).map((r) => r.target);
    expect(by('ISSUE').sort()).toEqual([...new Set(i.analysis.issues.map((x) => x.code))].sort());
    expect(by('ISSUE')).toContain('HORIZONTAL_ON_VERTICAL');
    expect(by('PLATFORM').sort()).toEqual(['TIKTOK', 'YOUTUBE']);
    expect(by('AUDIENCE').sort()).toEqual(['BOOMERS', 'GEN_Z']);
    expect(by('METRIC')).toEqual(expect.arrayContaining(['HOOK', 'CALL_TO_ACTION']));
    // Severity never rises down the list.
    const sev = ranked.map((r) => ({ HIGH: 3, MEDIUM: 2, LOW: 1 })[r.severity]);
    expect(sev).toEqual([...sev].sort((a, b) => b - a));
    const hook = ranked.find((r) => r.target === 'HOOK')!;
    expect(hook).toMatchObject({ atSeconds: 0, timestampLabel: '0:00', effort: 'MEDIUM', source: 'rules' });
    expect(hook.text).toBe('At 0:00, 3-second hook: No cut in the first 3 s: cut, move or show a face by 0:02. Silent for the first 3.2 s: start music or voice at 0:00.');
    expect(ranked.find((r) => r.target === 'HORIZONTAL_ON_VERTICAL')!.text).toBe('Deliver a 9:16 cut for TikTok: the 1920×1080 (16:9) frame plays small and letterboxed in a full-screen vertical feed.');
    expect(ranked.find((r) => r.target === 'LOUDNESS_TOO_QUIET')).toMatchObject({ effort: 'LOW', impact: 'MEDIUM' });
    expect(ranked.find((r) => r.target === 'TIKTOK')!.text).toMatch(/^Fix first: HORIZONTAL_ON_VERTICAL, LOUDNESS_TOO_QUIET\. For TikTok: deliver 9:16 \(at least 540×960\); 9–15 s works best; keep text 288px from the top/);
    expect(ranked.find((r) => r.target === 'BOOMERS')!.text).toMatch(/^Boomers \(\d+\/100\): /);
  });

  it('writes Portuguese with "Em 0:03"-style moments', async () => {
    const i = await input('pt-BR');
    const ranked = rank(i.analysis, ruleRecommendations(i, 'pt'));
    expect(ranked.find((r) => r.target === 'HORIZONTAL_ON_VERTICAL')!.text).toBe('Entregue uma versão 9:16 para TikTok: o quadro 1920×1080 (16:9) aparece pequeno e com tarjas no feed vertical em tela cheia.');
    expect(ranked.find((r) => r.target === 'HOOK')!.text).toMatch(/^Em 0:00, gancho dos 3 primeiros segundos: Nenhum corte/);
    expect(ranked.find((r) => r.target === 'CALL_TO_ACTION')!.text).toMatch(/^Em 0:12, chamada para ação: Nenhuma chamada para ação ouvida/);
    expect(ranked.find((r) => r.target === 'LOUDNESS_TOO_QUIET')!.text).toBe('Normalize a mixagem para cerca de −14 LUFS integrados (hoje -24.0 LUFS) para tocar tão alto quanto o resto de TikTok, YouTube.');
    const summary = ruleSummary(i, ranked, 'pt');
    expect(summary).toMatch(/^Pontuação \d+\/100 \([ABCD]\)\. Ponto mais forte: .*Primeira mudança: .*Análise por regras/);
  });

  it('the offline recommender: language from the options, else the transcript, else English', async () => {
    const rec = new OfflineRecommender();
    const i = await input();
    const en = await rec.recommend({ ...i, signal: new AbortController().signal });
    expect(en.source).toBe('rules');
    expect(en.summary).toMatch(/^Score \d+\/100 \([ABCD]\)\. Strongest: /);
    const ptSpeech: Transcript = { ...spoken([[0.5, 'compre já e economize vinte por cento']], 'pt') };
    expect(resultLanguage({}, ptSpeech)).toBe('pt');
    expect(resultLanguage({ language: 'en' }, ptSpeech)).toBe('en');
    expect(resultLanguage({}, NO_TRANSCRIPT)).toBe('en');
    const pt = await rec.recommend({ ...i, transcript: ptSpeech, options: { ...i.options, language: undefined }, signal: new AbortController().signal });
    expect(pt.summary).toMatch(/^Pontuação/);
  });
});

describe('rankRecommendations (model answers)', () => {
  it('files a CHECK under its metric or the platforms, derives what is missing, and ranks', async () => {
    const a = await analysed();
    const ranked = rank(a, [
      { priority: 1, category: 'AUDIENCE', target: 'GEN_Z', text: 'a', atSeconds: null },
      { priority: 2, category: 'CHECK', target: 'CTA_SPEECH', text: 'b', atSeconds: 12.6 },
      { priority: 3, category: 'ISSUE', target: 'HORIZONTAL_ON_VERTICAL', text: 'c', atSeconds: null },
      { priority: 2, category: 'CHECK', target: 'PLATFORM_ASPECT_RATIO', text: 'd', atSeconds: null },
    ]);
    expect(ranked.map((r) => [r.priority, r.category, r.target, r.severity, r.impact, r.effort])).toEqual([
      [1, 'ISSUE', 'HORIZONTAL_ON_VERTICAL', 'HIGH', 'MEDIUM', 'MEDIUM'],
      [2, 'METRIC', 'CALL_TO_ACTION', 'MEDIUM', 'HIGH', 'LOW'],
      [3, 'PLATFORM', null, 'MEDIUM', 'LOW', 'MEDIUM'],
      // Gen Z fit is under 50 for a horizontal single shot: doing it matters more.
      [4, 'AUDIENCE', 'GEN_Z', 'LOW', 'MEDIUM', 'MEDIUM'],
    ]);
    expect(ranked[1]!.timestampLabel).toBe('0:12');
    const groups = groupActions(ranked, { lang: 'en', issues: a.issues });
    expect(groups.byMetric.map((g) => [g.target, g.title])).toEqual([['CALL_TO_ACTION', 'Call to action']]);
    expect(groups.byPlatform.map((g) => [g.target, g.title])).toEqual([['GENERAL', 'All platforms']]);
    expect(groups.byIssue.map((g) => [g.target, g.title])).toEqual([['HORIZONTAL_ON_VERTICAL', 'Horizontal video on a vertical-first platform']]);
    expect(groups.byAudience.map((g) => [g.target, g.title, g.recommendations.length])).toEqual([['GEN_Z', 'Gen Z', 1]]);
    expect(groupActions(ranked, { lang: 'pt', issues: a.issues }).byAudience[0]!.title).toBe('Geração Z');
  });

  it('maps every measured check to a metric or the platforms', () => {
    const checks = measuredChecks({ media, mediaAnalysis: analysis(everyCut(1)), transcript, options: { platforms: [Platform.TIKTOK], brand: 'Acme' } });
    const map = Object.fromEntries(checks.map((c) => [c.code, checkCategory(c.code)]));
    expect(map).toMatchObject({
      DYNAMIC_START: { category: 'METRIC', target: 'HOOK' },
      SOUND_EARLY: { category: 'METRIC', target: 'HOOK' },
      QUICK_PACING: { category: 'METRIC', target: 'STORYTELLING' },
      CTA_SPEECH: { category: 'METRIC', target: 'CALL_TO_ACTION' },
      BRAND_MENTION_EARLY: { category: 'METRIC', target: 'PRODUCT_FOCUS' },
      LOUDNESS_SOCIAL: { category: 'METRIC', target: 'AUDIO_VOICE_SUBTITLES' },
      PLATFORM_ASPECT_RATIO: { category: 'PLATFORM', target: null },
    });
    expect(measuredIssues({ media, options: { platforms: [Platform.TIKTOK] } }).map((i) => i.code)).toEqual(['HORIZONTAL_ON_VERTICAL']);
  });
});

describe('small pieces', () => {
  it('timestamp labels', () => {
    expect([0, 3.9, 65, 3725.2].map(timestampLabel)).toEqual(['0:00', '0:03', '1:05', '1:02:05']);
    expect(timestampLabel(null)).toBeNull();
  });

  it('finds CTA phrases as whole words, accent- and case-insensitive, at the word', () => {
    expect(normalizeText('Compre JÁ! Cadastre-se.')).toBe('compre ja cadastre se');
    const pt = spoken([[2, 'Compre já! Cadastre-se.']], 'pt');
    expect(findPhrases(pt, CTA_PHRASES).map((h) => h.phrase)).toEqual(['compre ja', 'cadastre se']);
    expect(findPhrases(spoken([[1, 'I subscribed yesterday']]), CTA_PHRASES)).toEqual([]);
    const worded: Transcript = {
      available: true, engine: 't', language: 'en', text: 'well shop now',
      segments: [{ start: 1, end: 2, text: 'well shop now', confidence: null, words: [
        { start: 1, end: 1.3, word: 'well', confidence: null }, { start: 1.4, end: 1.6, word: 'shop', confidence: null }, { start: 1.6, end: 1.9, word: 'now', confidence: null },
      ] }],
    };
    expect(findPhrases(worded, CTA_PHRASES)).toEqual([{ phrase: 'shop now', at: 1.4 }]);
  });

  it('prices usage per token or per audio minute from the table', () => {
    const cost = costOfUsage([
      { purpose: 'transcription', provider: 'openai', model: 'whisper-1', audioSeconds: 90 },
      { purpose: 'analysis', provider: 'gemini', model: 'gemini-2.5-flash', inputTokens: 10_000, outputTokens: 1000 },
      { purpose: 'recommendations', provider: 'openai', model: 'gpt-4o-mini-2024-07-18', inputTokens: 1_000_000, outputTokens: 0 },
    ]);
    expect(cost.items.map((i) => [i.purpose, i.unit, i.quantity, i.usd])).toEqual([
      ['transcription', 'audio minutes', 1.5, 0.009],
      ['analysis', 'input tokens', 10_000, 0.003],
      ['analysis', 'output tokens', 1000, 0.0025],
      ['recommendations (priced as gpt-4o-mini)', 'input tokens', 1_000_000, 0.15],
    ]);
    expect(cost.totalUsd).toBeCloseTo(0.1645, 6);
    expect(costOfUsage([])).toEqual({ totalUsd: 0, items: [] });
  });
});
