// The measured checks and loudness issues, from facts written out by hand.
import { describe, expect, it } from 'vitest';
import type { MediaAnalysis } from '../../src/domain/media.js';
import { analysis, loudness, noVideo, probe } from './facts.js';
import { Platform } from '../../src/domain/model.js';
import { loudnessChecks, loudnessIssues, loudnessTargetsFor, measuredMediaChecks, platformChecks, RULES } from '../../src/analysis/rules.js';
import { measuredChecks, measuredIssues, OfflineAnalyzer } from '../../src/analysis/offline.js';
import type { Check } from '../../src/analysis/ports.js';

const byCode = (checks: Check[]) => Object.fromEntries(checks.map((c) => [c.code, c]));
const facts = (a: MediaAnalysis | null, platforms = [Platform.TIKTOK], media = probe()) => ({ media, analysis: a, platforms });

describe('pacing checks (ABCD)', () => {
  it('dynamic start: a first cut before 3 s passes, at 3 s or none fails; evidence names the time', () => {
    expect(byCode(measuredMediaChecks(facts(analysis([2.96, 8])))).DYNAMIC_START).toMatchObject({ passed: true, atSeconds: 2.96, evidence: 'first cut at 2.96 s' });
    expect(byCode(measuredMediaChecks(facts(analysis([3, 8])))).DYNAMIC_START).toMatchObject({ passed: false, atSeconds: 3 });
    expect(byCode(measuredMediaChecks(facts(analysis([])))).DYNAMIC_START).toMatchObject({ passed: false, atSeconds: null, evidence: expect.stringMatching(/one continuous shot/) });
  });

  it('quick pacing: 5 shots inside some 5 s window', () => {
    // Cuts at 6, 7, 8, 9: with the shot running at 6, five shots within 6–10 s.
    const quick = byCode(measuredMediaChecks(facts(analysis([6, 7, 8, 9])))).QUICK_PACING!;
    expect(quick).toMatchObject({ passed: true, atSeconds: 6 });
    expect(quick.evidence).toMatch(/^at most 5 shot\(s\) in a 5 s window \(from 6\.00 s\); 4 cut\(s\) in 15\.0 s$/);
    expect(byCode(measuredMediaChecks(facts(analysis([6, 7, 8, 11])))).QUICK_PACING!.passed).toBe(false);
  });

  it('overall pacing: average shot of at most 2 s', () => {
    const cuts = Array.from({ length: 7 }, (_, i) => 2 * (i + 1)); // 8 shots in 15 s: 1.875 s
    expect(byCode(measuredMediaChecks(facts(analysis(cuts)))).OVERALL_PACING).toMatchObject({ passed: true, evidence: '8 shot(s) in 15.0 s: 1.88 s on average' });
    expect(byCode(measuredMediaChecks(facts(analysis([5, 10])))).OVERALL_PACING!.passed).toBe(false);
  });

  it('leaves pacing out when cuts were not measured', () => {
    const codes = measuredMediaChecks(facts(analysis(null))).map((c) => c.code);
    expect(codes).not.toContain('DYNAMIC_START');
    expect(codes).not.toContain('QUICK_PACING');
    expect(codes).not.toContain('OVERALL_PACING');
  });
});

describe('sound in the first seconds', () => {
  it('4 s of silence at the start fails, and says so', () => {
    const c = byCode(measuredMediaChecks(facts(analysis([], { silences: [{ start: 0, end: 4 }], silentOpeningSeconds: 4 })))).SOUND_EARLY;
    expect(c).toMatchObject({ passed: false, atSeconds: 4, evidence: 'silent for the first 4.00 s', threshold: `silent opening ≤ ${RULES.soundEarly.maxSilentOpeningSeconds} s` });
  });

  it('sound at once passes; a silent track is silent throughout; no audio leaves the check out', () => {
    expect(byCode(measuredMediaChecks(facts(analysis([])))).SOUND_EARLY).toMatchObject({ passed: true, evidence: 'sound from the first moment' });
    const silent = byCode(measuredMediaChecks(facts(analysis([], { silentOpeningSeconds: 15, silences: [{ start: 0, end: 15 }] })))).SOUND_EARLY;
    expect(silent).toMatchObject({ passed: false, atSeconds: null, evidence: 'silent throughout (15.0 s)' });
    expect(measuredMediaChecks(facts(analysis([], { silentOpeningSeconds: null, silences: null, loudness: null }))).map((c) => c.code)).not.toContain('SOUND_EARLY');
  });
});

describe('loudness', () => {
  it('maps platforms to their playback targets', () => {
    expect(loudnessTargetsFor([Platform.TIKTOK, Platform.YOUTUBE, Platform.SNAPCHAT]).map((t) => [t.name, t.target.integratedLufs, t.platforms])).toEqual([
      ['social', -14, [Platform.TIKTOK, Platform.YOUTUBE]],
      ['snapchat', -16, [Platform.SNAPCHAT]],
    ]);
  });

  it('checks integrated loudness per target and true peak, with the broadcast comparison as evidence', () => {
    const checks = byCode(measuredMediaChecks(facts(analysis([1], { loudness: loudness({ integratedLufs: -13.5, rangeLu: 4 }) }), [Platform.TIKTOK, Platform.SNAPCHAT])));
    expect(checks.LOUDNESS_SOCIAL).toMatchObject({ passed: true, threshold: '-14.0 LUFS ±2 LU' });
    expect(checks.LOUDNESS_SOCIAL!.evidence).toBe('integrated -13.5 LUFS (+0.5 LU), loudness range 4.0 LU; EBU R128 broadcast would be +9.5 LU off -23.0 LUFS');
    // Snapchat plays at −16 LUFS: 2.5 LU over.
    expect(checks.LOUDNESS_SNAPCHAT).toMatchObject({ passed: false, evidence: expect.stringMatching(/^integrated -13\.5 LUFS \(\+2\.5 LU\)/) });
    expect(checks.LOUDNESS_TRUE_PEAK).toMatchObject({ passed: true, evidence: 'true peak -1.5 dBTP' });
    expect(checks.LOUDNESS_BROADCAST_SHORT_TERM).toBeUndefined();
  });

  it('applies EBU R128 s1 for broadcast: −23 LUFS ±0.5 LU and short-term at most −18 LUFS', () => {
    const target = [{ name: 'broadcast' as const, target: RULES.loudness.targets.broadcast }];
    const ok = byCode(loudnessChecks(analysis([], { loudness: loudness({ integratedLufs: -23.3, maxShortTermLufs: -18.5, truePeakDbtp: -3 }) }), target));
    expect(ok.LOUDNESS_BROADCAST!.passed).toBe(true);
    expect(ok.LOUDNESS_BROADCAST_SHORT_TERM!.passed).toBe(true);
    const loud = byCode(loudnessChecks(analysis([], { loudness: loudness({ integratedLufs: -22.2, maxShortTermLufs: -16, timeline: [null, null, -20, -16, -19] }) }), target));
    expect(loud.LOUDNESS_BROADCAST!.passed).toBe(false);
    expect(loud.LOUDNESS_BROADCAST_SHORT_TERM).toMatchObject({ passed: false, atSeconds: 4, evidence: 'max short-term -16.0 LUFS' });
  });

  it('raises penalised issues for quiet, loud, peaky and silent soundtracks', () => {
    const quiet = loudnessIssues(facts(analysis([], { loudness: loudness({ integratedLufs: -23.6 }) }), [Platform.TIKTOK, Platform.META_REELS]));
    expect(quiet).toEqual([
      expect.objectContaining({ code: 'LOUDNESS_TOO_QUIET', severity: 'MEDIUM', penalty: RULES.penalties.tooQuiet, platforms: [Platform.TIKTOK, Platform.META_REELS], evidence: 'integrated -23.6 LUFS' }),
    ]);
    const loudPeaky = loudnessIssues(facts(analysis([], { loudness: loudness({ integratedLufs: -9, truePeakDbtp: 0.4 }) })));
    expect(loudPeaky.map((i) => i.code)).toEqual(['LOUDNESS_TOO_LOUD', 'LOUDNESS_TRUE_PEAK_OVER']);
    const silent = loudnessIssues(facts(analysis([], { loudness: loudness({ integratedLufs: null, truePeakDbtp: null, maxShortTermLufs: null }) })));
    expect(silent).toEqual([expect.objectContaining({ code: 'LOUDNESS_SILENT', penalty: RULES.penalties.silentSoundtrack })]);
    expect(loudnessIssues(facts(analysis([])))).toEqual([]);
    expect(loudnessIssues(facts(null))).toEqual([]);
  });
});

describe('platform checks', () => {
  it('aspect ratio, resolution and duration against every chosen platform', () => {
    const wide = probe({ width: 1280, height: 720, displayWidth: 1280, displayHeight: 720, displayAspectRatio: '16:9', aspectRatio: 16 / 9, duration: 75 });
    const c = byCode(platformChecks({ media: wide, analysis: null, platforms: [Platform.TIKTOK, Platform.META_REELS, Platform.SNAPCHAT] }));
    expect(c.PLATFORM_ASPECT_RATIO).toMatchObject({ passed: false, evidence: 'display 1280×720 (16:9); not native to Instagram/Facebook Reels, Snapchat' });
    expect(c.PLATFORM_RESOLUTION).toMatchObject({ passed: false, evidence: 'short side 720 px; below Snapchat' });
    expect(c.PLATFORM_DURATION).toMatchObject({ passed: true, evidence: 'duration 75.00 s' });
    const vertical = byCode(platformChecks({ media: probe(), analysis: null, platforms: [Platform.TIKTOK, Platform.YOUTUBE_SHORTS] }));
    expect(Object.values(vertical).map((x) => x.passed)).toEqual([true, true, true]);
    expect(platformChecks({ media: probe({ duration: 90 }), analysis: null, platforms: [Platform.YOUTUBE_SHORTS] }).find((x) => x.code === 'PLATFORM_DURATION')!.passed).toBe(false);
  });
});

describe('the offline engine uses the measured facts', () => {
  it('adds the media checks to its own and the loudness issues to the platform ones', async () => {
    const mediaAnalysis = analysis([1.2, 2.4, 3.1, 4], { loudness: loudness({ integratedLufs: -30 }) });
    const input = { media: probe(), mediaAnalysis, transcript: { available: false as const, engine: null, reason: 'NO_SPEECH_ENGINE' }, options: { platforms: [Platform.TIKTOK] } };
    const codes = measuredChecks(input).map((c) => c.code);
    expect(codes).toEqual(['AUDIO_PRESENT', 'DYNAMIC_START', 'QUICK_PACING', 'OVERALL_PACING', 'SOUND_EARLY', 'LOUDNESS_SOCIAL', 'LOUDNESS_TRUE_PEAK', 'PLATFORM_ASPECT_RATIO', 'PLATFORM_RESOLUTION', 'PLATFORM_DURATION']);
    expect(measuredIssues(input).map((i) => i.code)).toEqual(['LOUDNESS_TOO_QUIET']);
    const result = await new OfflineAnalyzer().analyze({ ...input, videoFile: noVideo, signal: AbortSignal.timeout(1000) });
    const failed = result.checks.filter((c) => c.passed === false).map((c) => c.code);
    expect(failed).toEqual(['OVERALL_PACING', 'LOUDNESS_SOCIAL']);
    // Without the analysis (results from before it existed), only the probe-based checks remain.
    expect(measuredChecks({ ...input, mediaAnalysis: null }).map((c) => c.code)).toEqual(['AUDIO_PRESENT', 'PLATFORM_ASPECT_RATIO', 'PLATFORM_RESOLUTION', 'PLATFORM_DURATION']);
  });
});
