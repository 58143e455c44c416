// The measured checks: every threshold in one place, each with its source, and pure functions that
// turn measured media facts (ffprobe + the one-pass analysis) into checks and issues. Platform
// specs (aspect, resolution, duration) live in ./platforms.ts; the loudness target each platform
// normalises to lives here.
import { densestWindow, type MediaAnalysis, type MediaProbe } from '../domain/media.js';
import { Platform } from '../domain/model.js';
import { aspectMatches, PLATFORM_SPECS } from './platforms.js';
import type { Check, DetectedIssue } from './ports.js';
import { ISSUE_PENALTIES } from './scoring-config.js';

export interface LoudnessTarget {
  label: string;
  integratedLufs: number;
  /** Allowed deviation from integratedLufs, either way. */
  toleranceLu: number;
  /** Highest allowed short-term (3 s) loudness; null where the target sets none. */
  maxShortTermLufs: number | null;
}

export type LoudnessTargetName = 'broadcast' | 'social' | 'snapchat';

export const RULES = {
  /** Google ABCD "dynamic start": the first shot change comes before 3 s. */
  dynamicStart: { firstCutBeforeSeconds: 3 },
  /** Google ABCD "quick pacing": at least 5 shots within some 5 s window. */
  quickPacing: { minShots: 5, windowSeconds: 5 },
  /** Google ABCD "overall pacing": the average shot lasts at most 2 s. */
  overallPacing: { maxAverageShotSeconds: 2 },
  /**
   * Sound from the first second: autoplay viewers who unmute decide within seconds, and a silent
   * opening reads as broken (ABCD's "audio early" asks for speech by 5 s; see AUDIO_EARLY).
   */
  soundEarly: { maxSilentOpeningSeconds: 1 },
  loudness: {
    /** EBU R128 and every streaming spec: true peak at most −1 dBTP, else lossy re-encoding clips. */
    maxTruePeakDbtp: -1,
    targets: {
      // EBU R128: −23 LUFS, ±0.5 LU for file-based delivery; R128 s1 (commercials): short-term
      // loudness at most +5 LU over the target, i.e. −18 LUFS.
      broadcast: { label: 'EBU R128 broadcast', integratedLufs: -23, toleranceLu: 0.5, maxShortTermLufs: -18 },
      // YouTube, Spotify, TikTok, Meta normalise playback to about −14 LUFS: louder ads are turned
      // down, quieter ones play quieter than the feed around them.
      social: { label: 'social/streaming', integratedLufs: -14, toleranceLu: 2, maxShortTermLufs: null },
      // Snapchat asks for −16 LUFS.
      snapchat: { label: 'Snapchat', integratedLufs: -16, toleranceLu: 2, maxShortTermLufs: null },
    } satisfies Record<LoudnessTargetName, LoudnessTarget>,
    /** The target each platform plays at. */
    platformTargets: {
      [Platform.TIKTOK]: 'social',
      [Platform.META_FEED]: 'social',
      [Platform.META_REELS]: 'social',
      [Platform.META_STORIES]: 'social',
      [Platform.YOUTUBE]: 'social',
      [Platform.YOUTUBE_SHORTS]: 'social',
      [Platform.LINKEDIN]: 'social',
      [Platform.SNAPCHAT]: 'snapchat',
    } satisfies Record<Platform, LoudnessTargetName>,
  },
  /** Issue penalties (points off the score) for measured problems: the one table in ./scoring-config.ts. */
  penalties: {
    silentSoundtrack: ISSUE_PENALTIES.LOUDNESS_SILENT,
    tooQuiet: ISSUE_PENALTIES.LOUDNESS_TOO_QUIET,
    tooLoud: ISSUE_PENALTIES.LOUDNESS_TOO_LOUD,
    truePeak: ISSUE_PENALTIES.LOUDNESS_TRUE_PEAK_OVER,
    shortTermMax: ISSUE_PENALTIES.LOUDNESS_SHORT_TERM_OVER,
  },
} as const;

/** What the checks read: ffprobe facts and, when the analysis ran, its measurements. */
export interface MeasuredFacts {
  media: MediaProbe;
  analysis: MediaAnalysis | null | undefined;
  platforms: Platform[];
}

interface CheckRule {
  code: string;
  title: string;
  rule: string;
  threshold: string;
  /** null when the facts it needs were not measured: the check is left out. */
  evaluate(f: MeasuredFacts): Pick<Check, 'passed' | 'evidence' | 'atSeconds'> | null;
}

const s = (n: number, digits = 1) => `${n.toFixed(digits)} s`;
const lufs = (n: number) => `${n.toFixed(1)} LUFS`;

/** The measured creative checks, as data: each reads facts and says pass or fail with the evidence. */
export const CHECK_RULES: CheckRule[] = [
  {
    code: 'DYNAMIC_START',
    title: 'Dynamic start',
    rule: `The first shot change comes within ${RULES.dynamicStart.firstCutBeforeSeconds} s (ABCD: dynamic start)`,
    threshold: `first cut < ${RULES.dynamicStart.firstCutBeforeSeconds} s`,
    evaluate: ({ analysis: a }) => {
      if (!a?.cuts || a.durationSeconds === null) return null;
      if (a.firstCutAt === null)
        return { passed: false, evidence: `no cut in ${s(a.durationSeconds)}: one continuous shot`, atSeconds: null };
      return {
        passed: a.firstCutAt < RULES.dynamicStart.firstCutBeforeSeconds,
        evidence: `first cut at ${s(a.firstCutAt, 2)}`,
        atSeconds: a.firstCutAt,
      };
    },
  },
  {
    code: 'QUICK_PACING',
    title: 'Quick pacing',
    rule: `At least ${RULES.quickPacing.minShots} shots within some ${RULES.quickPacing.windowSeconds} s window (ABCD: quick pacing)`,
    threshold: `≥ ${RULES.quickPacing.minShots} shots in ${RULES.quickPacing.windowSeconds} s`,
    evaluate: ({ analysis: a }) => {
      if (!a?.cuts || a.durationSeconds === null) return null;
      const w = densestWindow(a.cuts, RULES.quickPacing.windowSeconds);
      return {
        passed: w.shots >= RULES.quickPacing.minShots,
        evidence: `at most ${w.shots} shot(s) in a ${RULES.quickPacing.windowSeconds} s window${a.cuts.length ? ` (from ${s(w.from, 2)})` : ''}; ${a.cuts.length} cut(s) in ${s(a.durationSeconds)}`,
        atSeconds: a.cuts.length ? w.from : null,
      };
    },
  },
  {
    code: 'OVERALL_PACING',
    title: 'Overall pacing',
    rule: `The average shot lasts at most ${RULES.overallPacing.maxAverageShotSeconds} s (ABCD: overall pacing)`,
    threshold: `average shot ≤ ${RULES.overallPacing.maxAverageShotSeconds} s`,
    evaluate: ({ analysis: a }) => {
      if (!a?.shots?.length || a.averageShotSeconds === null) return null;
      return {
        passed: a.averageShotSeconds <= RULES.overallPacing.maxAverageShotSeconds,
        evidence: `${a.shots.length} shot(s) in ${s(a.durationSeconds ?? 0)}: ${s(a.averageShotSeconds, 2)} on average`,
        atSeconds: null,
      };
    },
  },
  {
    code: 'SOUND_EARLY',
    title: 'Sound from the start',
    rule: `Sound starts within the first ${RULES.soundEarly.maxSilentOpeningSeconds} s`,
    threshold: `silent opening ≤ ${RULES.soundEarly.maxSilentOpeningSeconds} s`,
    evaluate: ({ analysis: a }) => {
      if (!a || a.silentOpeningSeconds === null) return null;
      const silent = a.silentOpeningSeconds;
      const all = a.durationSeconds !== null && silent >= a.durationSeconds - 0.05;
      return {
        passed: silent <= RULES.soundEarly.maxSilentOpeningSeconds,
        evidence: all
          ? `silent throughout (${s(silent)})`
          : silent > 0
            ? `silent for the first ${s(silent, 2)}`
            : 'sound from the first moment',
        atSeconds: all ? null : silent,
      };
    },
  },
];

/** The distinct loudness targets of the chosen platforms, with the platforms playing at each. */
export function loudnessTargetsFor(
  platforms: Platform[],
): Array<{ name: LoudnessTargetName; target: LoudnessTarget; platforms: Platform[] }> {
  const out = new Map<LoudnessTargetName, Platform[]>();
  for (const p of platforms) {
    const name = RULES.loudness.platformTargets[p];
    out.set(name, [...(out.get(name) ?? []), p]);
  }
  return [...out].map(([name, ps]) => ({ name, target: RULES.loudness.targets[name], platforms: ps }));
}

/** Loudness checks: one per distinct target of the chosen platforms (or given targets), and true peak. */
export function loudnessChecks(
  analysis: MediaAnalysis | null | undefined,
  targets: Array<{ name: LoudnessTargetName; target: LoudnessTarget }>,
): Check[] {
  const l = analysis?.loudness;
  if (!l) return [];
  const checks: Check[] = [];
  const r128 = RULES.loudness.targets.broadcast;
  for (const { name, target } of targets) {
    const I = l.integratedLufs;
    const deviation = I === null ? null : I - target.integratedLufs;
    const context =
      name === 'broadcast'
        ? ''
        : `; ${r128.label} would be ${I === null ? '—' : `${signed(I - r128.integratedLufs)} LU`} off ${lufs(r128.integratedLufs)}`;
    checks.push({
      code: `LOUDNESS_${name.toUpperCase()}`,
      title: `Loudness for ${target.label}`,
      passed: deviation !== null && Math.abs(deviation) <= target.toleranceLu,
      rule: `Integrated loudness within ±${target.toleranceLu} LU of ${lufs(target.integratedLufs)} (${target.label})`,
      threshold: `${lufs(target.integratedLufs)} ±${target.toleranceLu} LU`,
      evidence:
        I === null
          ? 'no sound above −70 LUFS (silent soundtrack)'
          : `integrated ${lufs(I)} (${signed(deviation!)} LU), loudness range ${l.rangeLu?.toFixed(1) ?? '—'} LU${context}`,
      atSeconds: null,
    });
    if (target.maxShortTermLufs !== null) {
      checks.push({
        code: `LOUDNESS_${name.toUpperCase()}_SHORT_TERM`,
        title: `Short-term loudness for ${target.label}`,
        passed: l.maxShortTermLufs === null || l.maxShortTermLufs <= target.maxShortTermLufs,
        rule: `Short-term (3 s) loudness never above ${lufs(target.maxShortTermLufs)} (EBU R128 s1, commercials)`,
        threshold: `max short-term ≤ ${lufs(target.maxShortTermLufs)}`,
        evidence: l.maxShortTermLufs === null ? 'no measurable short-term loudness' : `max short-term ${lufs(l.maxShortTermLufs)}`,
        atSeconds: loudestSecond(l.timeline),
      });
    }
  }
  const tp = l.truePeakDbtp;
  checks.push({
    code: 'LOUDNESS_TRUE_PEAK',
    title: 'True peak headroom',
    passed: tp === null || tp <= RULES.loudness.maxTruePeakDbtp,
    rule: `True peak at most ${RULES.loudness.maxTruePeakDbtp} dBTP (EBU R128; platforms re-encode, and peaks above clip)`,
    threshold: `≤ ${RULES.loudness.maxTruePeakDbtp} dBTP`,
    evidence: tp === null ? 'no peak (digital silence)' : `true peak ${tp.toFixed(1)} dBTP`,
    atSeconds: null,
  });
  return checks;
}

/** Every measured check for these facts, in a stable order. Checks whose facts are missing are left out. */
export function measuredMediaChecks(f: MeasuredFacts): Check[] {
  const checks: Check[] = [];
  for (const rule of CHECK_RULES) {
    const r = rule.evaluate(f);
    if (r) checks.push({ code: rule.code, title: rule.title, rule: rule.rule, threshold: rule.threshold, ...r });
  }
  checks.push(...loudnessChecks(f.analysis, loudnessTargetsFor(f.platforms)), ...platformChecks(f));
  return checks;
}

/** Aspect ratio, resolution and duration against each chosen platform's spec (./platforms.ts). */
export function platformChecks({ media, platforms }: MeasuredFacts): Check[] {
  const v = media.video;
  if (!v || !platforms.length) return [];
  const label = (ps: Platform[]) => ps.map((p) => PLATFORM_SPECS[p].label).join(', ');
  const shortSide = Math.min(v.displayWidth, v.displayHeight);
  const badAspect = platforms.filter((p) => !aspectMatches(v.aspectRatio, PLATFORM_SPECS[p].aspects));
  const badSize = platforms.filter((p) => shortSide < Math.min(PLATFORM_SPECS[p].minWidth, PLATFORM_SPECS[p].minHeight));
  const d = media.durationSeconds;
  const badLength = d === null ? [] : platforms.filter((p) => d < PLATFORM_SPECS[p].minSeconds || d > PLATFORM_SPECS[p].maxSeconds);
  const checks: Check[] = [
    {
      code: 'PLATFORM_ASPECT_RATIO',
      title: 'Aspect ratio fits the platforms',
      passed: badAspect.length === 0,
      rule: 'The display aspect ratio is native to every target platform',
      threshold: platforms.map((p) => `${PLATFORM_SPECS[p].label}: ${PLATFORM_SPECS[p].aspects.map(ratioLabel).join('/')}`).join('; '),
      evidence: `display ${v.displayWidth}×${v.displayHeight} (${v.displayAspectRatio})${badAspect.length ? `; not native to ${label(badAspect)}` : ''}`,
      atSeconds: null,
    },
    {
      code: 'PLATFORM_RESOLUTION',
      title: 'Resolution meets the platforms’ minimums',
      passed: badSize.length === 0,
      rule: 'The short side reaches every target platform’s minimum',
      threshold: platforms
        .map((p) => `${PLATFORM_SPECS[p].label}: ≥ ${Math.min(PLATFORM_SPECS[p].minWidth, PLATFORM_SPECS[p].minHeight)} px`)
        .join('; '),
      evidence: `short side ${shortSide} px${badSize.length ? `; below ${label(badSize)}` : ''}`,
      atSeconds: null,
    },
  ];
  if (d !== null) {
    checks.push({
      code: 'PLATFORM_DURATION',
      title: 'Duration within the platforms’ limits',
      passed: badLength.length === 0,
      rule: 'The duration is within every target platform’s limits',
      threshold: platforms
        .map((p) => `${PLATFORM_SPECS[p].label}: ${PLATFORM_SPECS[p].minSeconds}–${PLATFORM_SPECS[p].maxSeconds} s`)
        .join('; '),
      evidence: `duration ${d.toFixed(2)} s${badLength.length ? `; outside ${label(badLength)}` : ''}`,
      atSeconds: null,
    });
  }
  return checks;
}

/** Loudness problems as penalised issues, per target and the platforms that play at it. */
export function loudnessIssues(f: MeasuredFacts): DetectedIssue[] {
  const l = f.analysis?.loudness;
  if (!l || !f.media.audio) return [];
  const P = RULES.penalties;
  if (l.integratedLufs === null) {
    return [
      {
        code: 'LOUDNESS_SILENT',
        severity: 'MEDIUM',
        penalty: P.silentSoundtrack,
        title: 'Silent soundtrack',
        detail: 'The audio stream carries no sound above −70 LUFS: sound-on placements play nothing.',
        atSeconds: null,
        platforms: [],
        evidence: 'integrated loudness below the −70 LUFS gate (EBU R128)',
      },
    ];
  }
  const issues: DetectedIssue[] = [];
  const I = l.integratedLufs;
  for (const { target, platforms } of loudnessTargetsFor(f.platforms)) {
    const deviation = I - target.integratedLufs;
    if (deviation < -target.toleranceLu) {
      issues.push({
        code: 'LOUDNESS_TOO_QUIET',
        severity: 'MEDIUM',
        penalty: P.tooQuiet,
        title: `Quieter than ${target.label} playback`,
        detail: `${lufs(I)} integrated is ${(-deviation).toFixed(1)} LU under ${lufs(target.integratedLufs)}; platforms turn loud ads down but seldom quiet ones up, so this plays quieter than the feed.`,
        atSeconds: null,
        platforms,
        evidence: `integrated ${lufs(I)}`,
      });
    } else if (deviation > target.toleranceLu) {
      issues.push({
        code: 'LOUDNESS_TOO_LOUD',
        severity: 'LOW',
        penalty: P.tooLoud,
        title: `Louder than ${target.label} playback`,
        detail: `${lufs(I)} integrated is ${deviation.toFixed(1)} LU over ${lufs(target.integratedLufs)}; the platform turns it down, and the limiting that made it loud only costs dynamics.`,
        atSeconds: null,
        platforms,
        evidence: `integrated ${lufs(I)}`,
      });
    }
    if (target.maxShortTermLufs !== null && l.maxShortTermLufs !== null && l.maxShortTermLufs > target.maxShortTermLufs) {
      issues.push({
        code: 'LOUDNESS_SHORT_TERM_OVER',
        severity: 'LOW',
        penalty: P.shortTermMax,
        title: `Loud passages over ${target.label}'s limit`,
        detail: `Short-term loudness reaches ${lufs(l.maxShortTermLufs)}; the limit is ${lufs(target.maxShortTermLufs)}.`,
        atSeconds: loudestSecond(l.timeline),
        platforms,
        evidence: `max short-term ${lufs(l.maxShortTermLufs)}`,
      });
    }
  }
  if (l.truePeakDbtp !== null && l.truePeakDbtp > RULES.loudness.maxTruePeakDbtp) {
    issues.push({
      code: 'LOUDNESS_TRUE_PEAK_OVER',
      severity: 'LOW',
      penalty: P.truePeak,
      title: 'Peaks too close to full scale',
      detail: `True peak ${l.truePeakDbtp.toFixed(1)} dBTP is above ${RULES.loudness.maxTruePeakDbtp} dBTP: re-encoding for playback will clip it.`,
      atSeconds: null,
      platforms: [],
      evidence: `true peak ${l.truePeakDbtp.toFixed(1)} dBTP`,
    });
  }
  return issues;
}

/** Seconds (end of the 3 s window) at which short-term loudness peaks. */
function loudestSecond(timeline: Array<number | null>): number | null {
  let best: number | null = null;
  let at: number | null = null;
  timeline.forEach((v, i) => {
    if (v !== null && (best === null || v > best)) {
      best = v;
      at = i + 1;
    }
  });
  return at;
}

function signed(n: number): string {
  return `${n >= 0 ? '+' : '-'}${Math.abs(n).toFixed(1)}`;
}

function ratioLabel(r: number): string {
  const known: Array<[number, string]> = [
    [9 / 16, '9:16'],
    [4 / 5, '4:5'],
    [1, '1:1'],
    [16 / 9, '16:9'],
  ];
  return known.find(([v]) => Math.abs(v - r) < 1e-6)?.[1] ?? r.toFixed(2);
}
