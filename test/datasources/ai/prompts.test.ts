// The prompt builders are pure: what each prompt must carry, in English and Portuguese.
import { describe, expect, it } from 'vitest';
import { measuredChecks, measuredIssues } from '../../../src/analysis/offline.js';
import type { CreativeAnalysis } from '../../../src/analysis/ports.js';
import {
  buildAnalysisPrompt, buildRecommendationPrompt, buildTranscriptionPrompt, isoLanguage, PROMPT_VERSION, promptLanguage, transcriptExcerpt,
} from '../../../src/datasources/ai/prompts.js';
import { PLATFORM_CREATIVE_FACTS } from '../../../src/analysis/platforms.js';
import { METRIC_WEIGHTS } from '../../../src/analysis/scoring-config.js';
import { METRIC_CODES } from '../../../src/domain/metrics.js';
import { VISION_ISSUE_CODES } from '../../../src/analysis/model-merge.js';
import { Platform } from '../../../src/domain/model.js';
import { MEDIA, OPTIONS, TRANSCRIPT } from './fixtures.js';

const horizontal = { ...MEDIA, video: { ...MEDIA.video!, width: 1920, height: 1080, displayWidth: 1920, displayHeight: 1080, displayAspectRatio: '16:9', aspectRatio: 16 / 9 } };
const analysisInput = (language: string) => {
  const options = { ...OPTIONS, language };
  return { media: horizontal, transcript: TRANSCRIPT, options, checks: measuredChecks({ media: horizontal, transcript: TRANSCRIPT }), issues: measuredIssues({ media: horizontal, options }) };
};

describe('buildAnalysisPrompt', () => {
  it('carries the version, measured facts, checks, known issues, transcript, platforms and task (en)', () => {
    const p = buildAnalysisPrompt(analysisInput('en'));
    expect(p).toContain(`Prompt version: ${PROMPT_VERSION}`);
    expect(p).toContain('duration: 14.52 s');
    expect(p).toContain('video: 1920×1080 (16:9), h264, 29.97 fps');
    expect(p).toContain('audio: aac, 48000 Hz, 2 ch');
    expect(p).toContain('[PASS] CTA_SPEECH');
    expect(p).toContain('HORIZONTAL_ON_VERTICAL (MEDIUM, −3)');
    expect(p).toContain('[0.4–2.1] Tired of soggy sneakers?');
    expect(p).toContain('Shop now and save twenty percent');
    expect(p).toContain('TIKTOK (TikTok): hook text ≤ 60 characters; CTA text ≤ 30 characters; safe zone on 1080×1920: keep 288px top');
    expect(p).toContain('META_REELS');
    expect(p).not.toContain('YOUTUBE (');
    expect(p).toContain('GEN_Z, MILLENNIALS');
    for (const m of METRIC_CODES) expect(p).toContain(`- ${m}: `);
    for (const c of VISION_ISSUE_CODES) expect(p).toContain(c);
    expect(p).toContain('Write every free-text field in English.');
  });

  it('has a Portuguese template with the same facts', () => {
    const p = buildAnalysisPrompt(analysisInput('pt-BR'));
    expect(p).toContain('Escreva todos os campos de texto livre em português do Brasil.');
    expect(p).toContain('## Fatos medidos');
    expect(p).toContain('duração: 14.52 s');
    expect(p).toContain('[OK] CTA_SPEECH');
    expect(p).toContain('texto do gancho ≤ 60 caracteres');
    expect(p).toContain('Tired of soggy sneakers?');
    expect(p).toContain(`Versão do prompt: ${PROMPT_VERSION}`);
    expect(p).not.toContain('Write every free-text field');
  });

  it('says when there is no transcript, and which objective was given', () => {
    const p = buildAnalysisPrompt({ ...analysisInput('en'), transcript: { available: false, engine: null, reason: 'NO_AUDIO_STREAM' }, options: { ...OPTIONS, objective: 'app installs' } });
    expect(p).toContain('No transcript (NO_AUDIO_STREAM).');
    expect(p).toContain('## Campaign objective\napp installs');
  });
});

describe('transcriptExcerpt', () => {
  it('cuts long transcripts and says so', () => {
    const long = { ...TRANSCRIPT, segments: Array.from({ length: 200 }, (_, i) => ({ start: i, end: i + 1, text: `word number ${i} of many`, confidence: null })) } as typeof TRANSCRIPT;
    const ex = transcriptExcerpt(long, 'en', 300);
    expect(ex.length).toBeLessThan(400);
    expect(ex).toContain('word number 0 of many');
    expect(ex).toContain('(transcript truncated)');
    expect(transcriptExcerpt(long, 'pt', 300)).toContain('(transcrição cortada)');
  });
});

describe('buildRecommendationPrompt', () => {
  const analysis: CreativeAnalysis = {
    provider: 'gemini', model: 'gemini-2.5-flash', promptVersion: PROMPT_VERSION, ruleBased: false,
    checks: measuredChecks({ media: MEDIA, transcript: TRANSCRIPT }),
    issues: [{ code: 'SAFE_ZONE_VIOLATION', severity: 'HIGH', penalty: 10, title: 'Elements outside the platform safe zone', detail: 'Logo under the like button.', atSeconds: 3, platforms: [Platform.TIKTOK], evidence: 'logo at right edge' }],
    baseScore: 72,
    metrics: [{ code: 'HOOK', score: 81, wentWell: ['face in first frame'], toImprove: ['state the benefit'], evidence: 'close-up at 0.2 s', atSeconds: 0.2 }],
    audienceScores: [{ audience: 'GEN_Z', score: 77, reasoning: 'fast cuts' }],
  };

  it('carries score, metrics, issues, checks, audiences and transcript; system in the output language', () => {
    const { system, user } = buildRecommendationPrompt({ analysis, media: MEDIA, transcript: TRANSCRIPT, options: OPTIONS });
    expect(system).toContain('Write every free-text field in English.');
    expect(user).toContain('72/100 (gemini gemini-2.5-flash)');
    expect(user).toContain('- HOOK: 81 @0.2 s; + face in first frame; − state the benefit');
    expect(user).toContain('- GEN_Z: 77 — fast cuts');
    expect(user).toContain('SAFE_ZONE_VIOLATION (HIGH, −10) @3.0 s [TIKTOK]');
    expect(user).toContain('CTA_SPEECH');
    expect(user).toContain('Meet DryStep.');
    expect(user).toContain('video: 1080×1920 (9:16)');
    expect(user).toContain('category ISSUE');
  });

  it('has a Portuguese template', () => {
    const { system, user } = buildRecommendationPrompt({ analysis: { ...analysis, ruleBased: true }, media: MEDIA, transcript: TRANSCRIPT, options: { ...OPTIONS, language: 'pt' } });
    expect(system).toContain('português do Brasil');
    expect(user).toContain('## Pontuação antes das penalidades\n72/100 (por regras, sem modelo)');
    expect(user).toContain('## Problemas detectados');
    expect(user).toContain('Meet DryStep.');
  });
});

describe('small pieces', () => {
  it('maps languages', () => {
    expect(promptLanguage('pt-BR')).toBe('pt');
    expect(promptLanguage('PT')).toBe('pt');
    expect(promptLanguage('es')).toBe('en');
    expect(promptLanguage(undefined)).toBe('en');
    expect(isoLanguage('english')).toBe('en');
    expect(isoLanguage('Portuguese')).toBe('pt');
    expect(isoLanguage('pt-BR')).toBe('pt');
    expect(isoLanguage('klingon')).toBeUndefined();
  });

  it('asks for a transcript with the expected language', () => {
    expect(buildTranscriptionPrompt({ durationSeconds: 12.34, language: 'pt' })).toContain('The expected language is "pt"');
    expect(buildTranscriptionPrompt({ durationSeconds: 12.34 })).toContain('Detect the language.');
  });

  it('covers every platform and weighs the metrics to 1', () => {
    expect(Object.keys(PLATFORM_CREATIVE_FACTS).sort()).toEqual(Object.values(Platform).sort());
    expect(Object.values(METRIC_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });
});
