// The offline engine: deterministic rules over measured media facts and the transcript, so a full
// result exists with no API key. Every check and issue names the fact it rests on.
import type { AnalyzeInput, Check, CreativeAnalysis, CreativeAnalyzer, DetectedIssue, Recommender, RecommendInput, Recommendation, Transcript, TranscribeInput, Transcriber } from './ports.js';
import { PLATFORM_SPECS, DEFAULT_PLATFORMS, aspectMatches } from './platforms.js';
import { loudnessIssues, measuredMediaChecks } from './rules.js';
import { checksScore } from './scoring.js';

/** Common CTA phrases (Google ABCD's list, with Portuguese equivalents). */
export const CTA_PHRASES = [
  'learn more', 'get quote', 'apply now', 'sign up', 'contact us', 'subscribe', 'download', 'book now', 'shop now',
  'buy now', 'donate now', 'order now', 'play now', 'see more', 'start now', 'visit site', 'watch now',
  'saiba mais', 'compre já', 'compre agora', 'cadastre-se', 'inscreva-se', 'baixe', 'assine', 'peça já', 'reserve agora',
];

/** ABCD "audio early": speech should start within the first 5 s. */
export const AUDIO_EARLY_SECONDS = 5;

/** Checks measured from the file and the transcript; with the media analysis, also pacing, sound and loudness (./rules.ts). */
export function measuredChecks(input: Pick<AnalyzeInput, 'media' | 'transcript'> & Partial<Pick<AnalyzeInput, 'mediaAnalysis' | 'options'>>): Check[] {
  const { media, transcript } = input;
  const checks: Check[] = [];
  checks.push({
    code: 'AUDIO_PRESENT',
    title: 'Has a sound track',
    passed: media.audio !== null,
    rule: 'The video carries an audio stream',
    threshold: 'audio stream present',
    evidence: media.audio ? `${media.audio.codec}, ${media.audio.sampleRate} Hz, ${media.audio.channels} ch` : 'no audio stream in the file',
    atSeconds: null,
  });
  if (transcript.available) {
    const first = transcript.segments[0];
    checks.push({
      code: 'AUDIO_EARLY',
      title: 'Speech in the first seconds',
      passed: first ? first.start < AUDIO_EARLY_SECONDS : false,
      rule: `Speech starts within the first ${AUDIO_EARLY_SECONDS} s (ABCD: audio early)`,
      threshold: `< ${AUDIO_EARLY_SECONDS} s`,
      evidence: first ? `first words at ${first.start.toFixed(1)} s: "${first.text.slice(0, 60)}"` : 'no speech recognised',
      atSeconds: first?.start ?? null,
    });
    const lower = transcript.text.toLowerCase();
    const cta = CTA_PHRASES.find((p) => lower.includes(p));
    const seg = cta ? transcript.segments.find((s) => s.text.toLowerCase().includes(cta)) : undefined;
    checks.push({
      code: 'CTA_SPEECH',
      title: 'Call to action in speech',
      passed: Boolean(cta),
      rule: 'A call-to-action phrase is heard (ABCD: call to action, speech)',
      threshold: 'one of the known CTA phrases',
      evidence: cta ? `heard "${cta}"` : 'no CTA phrase in the transcript',
      atSeconds: seg?.start ?? null,
    });
  }
  checks.push(...measuredMediaChecks({ media, analysis: input.mediaAnalysis, platforms: platformsOf(input.options) }));
  return checks;
}

function platformsOf(options: AnalyzeInput['options'] | undefined) {
  return options?.platforms?.length ? options.platforms : DEFAULT_PLATFORMS;
}

export function measuredIssues(input: Pick<AnalyzeInput, 'media' | 'options'> & Partial<Pick<AnalyzeInput, 'mediaAnalysis'>>): DetectedIssue[] {
  const { media } = input;
  const platforms = platformsOf(input.options);
  const issues: DetectedIssue[] = [];
  const v = media.video;
  if (!media.audio) {
    issues.push({
      code: 'NO_AUDIO_STREAM', severity: 'MEDIUM', penalty: 5, title: 'No sound track',
      detail: 'The file has no audio stream: sound-on placements lose voice-over and music.',
      atSeconds: null, platforms: [], evidence: 'ffprobe found no audio stream',
    });
  }
  if (v) {
    const horizontal = v.aspectRatio > 1.05;
    const verticalOnes = platforms.filter((p) => PLATFORM_SPECS[p].verticalFirst);
    if (horizontal && verticalOnes.length) {
      issues.push({
        code: 'HORIZONTAL_ON_VERTICAL', severity: 'MEDIUM', penalty: 3, title: 'Horizontal video on a vertical-first platform',
        detail: `The video is ${v.displayAspectRatio}; ${verticalOnes.map((p) => PLATFORM_SPECS[p].label).join(', ')} play 9:16 full screen.`,
        atSeconds: null, platforms: verticalOnes, evidence: `display ${v.displayWidth}×${v.displayHeight} (${v.displayAspectRatio})`,
      });
    }
    for (const p of platforms) {
      const spec = PLATFORM_SPECS[p];
      if (!aspectMatches(v.aspectRatio, spec.aspects) && !(horizontal && spec.verticalFirst)) {
        issues.push({
          code: 'ASPECT_RATIO_MISMATCH', severity: 'LOW', penalty: 2, title: `Aspect ratio not native to ${spec.label}`,
          detail: `${v.displayAspectRatio} will be letterboxed or cropped on ${spec.label}.`,
          atSeconds: null, platforms: [p], evidence: `display ${v.displayWidth}×${v.displayHeight}`,
        });
      }
      const shortSide = Math.min(v.displayWidth, v.displayHeight);
      const specShort = Math.min(spec.minWidth, spec.minHeight);
      if (shortSide < specShort) {
        issues.push({
          code: 'RESOLUTION_BELOW_SPEC', severity: 'MEDIUM', penalty: 3, title: `Resolution below ${spec.label}'s minimum`,
          detail: `The short side is ${shortSide} px; ${spec.label} asks for at least ${specShort} px.`,
          atSeconds: null, platforms: [p], evidence: `display ${v.displayWidth}×${v.displayHeight}`,
        });
      }
      const d = media.durationSeconds;
      if (d !== null && (d < spec.minSeconds || d > spec.maxSeconds)) {
        issues.push({
          code: 'DURATION_OUT_OF_SPEC', severity: 'MEDIUM', penalty: 3, title: `Duration outside ${spec.label}'s limits`,
          detail: `${d.toFixed(1)} s; ${spec.label} accepts ${spec.minSeconds}–${spec.maxSeconds} s.`,
          atSeconds: null, platforms: [p], evidence: `duration ${d.toFixed(2)} s`,
        });
      }
    }
  }
  issues.push(...loudnessIssues({ media, analysis: input.mediaAnalysis, platforms }));
  return issues;
}

export class OfflineAnalyzer implements CreativeAnalyzer {
  readonly name = 'offline';
  async analyze(input: AnalyzeInput): Promise<CreativeAnalysis> {
    const checks = measuredChecks(input);
    const issues = measuredIssues(input);
    return {
      provider: 'offline',
      model: 'rules-v1',
      promptVersion: null,
      ruleBased: true,
      checks,
      issues,
      // Without a model's judgement the base is the share of measured checks passed.
      baseScore: checksScore(checks) ?? 50,
    };
  }
}

export class OfflineRecommender implements Recommender {
  readonly name = 'offline';
  async recommend({ analysis }: RecommendInput): Promise<{ summary: string; recommendations: Recommendation[] }> {
    const sev = { HIGH: 3, MEDIUM: 2, LOW: 1 } as const;
    const recs: Recommendation[] = [
      ...[...analysis.issues]
        .sort((a, b) => sev[b.severity] - sev[a.severity] || b.penalty - a.penalty)
        .map((i) => ({ priority: sev[i.severity], category: 'ISSUE' as const, target: i.code, text: `${i.title}: ${i.detail}`, atSeconds: i.atSeconds })),
      ...analysis.checks
        .filter((c) => c.passed === false)
        .map((c) => ({ priority: 1, category: 'CHECK' as const, target: c.code, text: `${c.title} — ${c.rule}. Measured: ${c.evidence}.`, atSeconds: c.atSeconds })),
    ];
    const failed = analysis.checks.filter((c) => c.passed === false).length;
    const summary = `${analysis.issues.length} issue(s) found and ${failed} of ${analysis.checks.length} measured check(s) failed (rule-based analysis).`;
    return { summary, recommendations: recs };
  }
}

/** Used when no speech engine is available: the analysis goes on from the other signals. */
export class UnavailableTranscriber implements Transcriber {
  readonly name = 'none';
  constructor(private readonly reason: string) {}
  async transcribe(_: TranscribeInput): Promise<Transcript> {
    return { available: false, engine: null, reason: this.reason };
  }
}
