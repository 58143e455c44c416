// RESOLUTION_QUALITY: size against the spec, frame rate, bit rate, frozen and black stretches.
import { fmtSeconds, timestampLabel, type Lang } from '../i18n.js';
import type { CreativeMetric } from '../ports.js';
import { type MetricFacts, METRIC_RULES, MetricDraft, tip, span, total } from './draft.js';
import { SIGNAL_COPY } from '../copy/metric-signals.js';

export function quality(f: MetricFacts, lang: Lang): CreativeMetric {
  const say = SIGNAL_COPY[lang].quality;
  const R = METRIC_RULES.quality;
  const m = new MetricDraft('RESOLUTION_QUALITY', R.base);
  const v = f.media.video;
  if (v) {
    const short = Math.min(v.displayWidth, v.displayHeight);
    const size = `${v.displayWidth}×${v.displayHeight}`;
    if (short >= 1080) m.good(R.fullHd, say.fullHdOrBetter(size), size);
    else if (short >= 720) m.good(R.hd, say.hd(size), size);
    else if (short < 360) m.bad(R.veryLow, say.veryLowResolutionExportAt(size), size);
    else if (short < 540) m.bad(R.belowSpec, say.lowResolutionExportAt(size), size);
    else m.fact(size);
    if (v.frameRate !== null && v.frameRate < 23) {
      m.bad(R.lowFps, say.lowFrameRateFpsExport(v.frameRate.toFixed(1)), `${v.frameRate.toFixed(1)} fps`);
    }
    const fps = v.frameRate ?? 30;
    if (f.media.bitRate) {
      const bpp = f.media.bitRate / (v.displayWidth * v.displayHeight * fps);
      const kbps = `${Math.round(f.media.bitRate / 1000)} kb/s`;
      if (bpp < METRIC_RULES.lowBitsPerPixel) m.bad(R.lowBitrate, say.lowBitRateForIt(kbps, size), kbps);
      else m.fact(kbps);
    }
  }
  const a = f.analysis;
  const d = a?.durationSeconds ?? f.media.durationSeconds;
  if (a?.frozenSegments && d) {
    const frozen = total(a.frozenSegments);
    if (frozen / d >= METRIC_RULES.mostlyFrozenShare) {
      m.bad(
        R.mostlyFrozen,
        say.pictureStandsStillForOf(fmtSeconds(frozen, lang), fmtSeconds(d, lang)),
        say.frozen(fmtSeconds(frozen, lang)),
      );
      m.at(a.frozenSegments[0]!.start);
    } else if (frozen > 0) {
      m.bad(
        R.someFrozen,
        say.pictureFreezesAtInAll(timestampLabel(a.frozenSegments[0]!.start), fmtSeconds(frozen, lang)),
        say.frozen(fmtSeconds(frozen, lang)),
      );
      m.at(a.frozenSegments[0]!.start);
    } else {
      m.fact(say.noFrozenStretch);
    }
  }
  if (a?.blackSegments && d) {
    // Black at the very start is the hook's problem, a fade-out at the end is normal.
    const midway = a.blackSegments.filter((s) => s.start >= 0.5 && s.end < d - 0.5);
    if (midway.length) {
      m.bad(R.blackMidway, say.blackFramesAtCutThem(timestampLabel(midway[0]!.start)), say.black(span(midway[0]!, lang)));
      m.at(midway[0]!.start);
    }
  }
  return m.build(lang, {
    lowSignal: !v,
    why: say.noVideoStreamFacts,
    tip: tip('RESOLUTION_QUALITY', lang),
  });
}
