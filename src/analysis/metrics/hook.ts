// HOOK: the first 3 s (cuts, sound, words, black or still opening, the brand).
import { fmtSeconds, timestampLabel, type Lang } from '../i18n.js';
import { findKeywords } from '../keywords.js';
import type { CreativeMetric } from '../ports.js';
import { RULES } from '../rules.js';
import { brandHeard, type MetricFacts, METRIC_RULES, MetricDraft, tip, firstSpoken, words, span } from './draft.js';
import { SIGNAL_COPY } from '../copy/metric-signals.js';

export function hook(f: MetricFacts, lang: Lang): CreativeMetric {
  const say = SIGNAL_COPY[lang].hook;
  const R = METRIC_RULES.hook;
  const H = METRIC_RULES.hookSeconds;
  const m = new MetricDraft('HOOK');
  const a = f.analysis;
  m.at(0);
  if (a?.cuts) {
    const inHook = a.cuts.filter((c) => c < H);
    if (inHook.length) {
      m.good(R.cutInHook, say.cutAtKeepsOpeningMoving(timestampLabel(inHook[0])), say.firstCutAt(fmtSeconds(inHook[0]!, lang, 2)));
      if (inHook.length >= 2) m.good(R.twoCutsInHook, say.cutsInFirst(inHook.length, H));
    } else {
      const first = a.firstCutAt;
      m.bad(R.noCutInHook, say.noCutInFirstCut(H), first === null ? say.oneContinuousShot : say.firstCutAt(fmtSeconds(first, lang, 2)));
    }
  }
  if (a && a.silentOpeningSeconds !== null) {
    const silent = a.silentOpeningSeconds;
    if (silent <= RULES.soundEarly.maxSilentOpeningSeconds) {
      m.good(R.soundAtOnce, say.soundFromFirstSecond, say.silentOpening(fmtSeconds(silent, lang, 2)));
    } else {
      m.bad(
        silent >= H ? R.longSilentOpening : R.silentOpening,
        say.silentForFirstStartMusic(fmtSeconds(silent, lang)),
        say.silentOpening(fmtSeconds(silent, lang, 2)),
      );
    }
  }
  if (f.transcript.available) {
    const first = firstSpoken(f.transcript);
    if (first !== null && first < H) {
      m.good(R.speechInHook, say.wordsFromMessageStartsInside(timestampLabel(first)), say.firstWordsAt(fmtSeconds(first, lang)));
      const q = findKeywords(f.transcript, 'question').filter((h) => h.at < H);
      if (q.length) m.good(R.questionInHook, say.opensWithQuestionOrChallenge(words(q)));
    } else {
      m.bad(R.noSpeechInHook, say.noWordsInFirstSay(H), first === null ? say.noWordsRecognised : say.firstWordsAt(fmtSeconds(first, lang)));
    }
  }
  const black = a?.blackSegments?.find((s) => s.start < 0.5);
  if (black) {
    m.bad(R.blackOpening, say.opensOnBlackStartOn(span(black, lang)), say.black(span(black, lang)));
  }
  const still = a?.frozenSegments?.find((s) => s.start < 0.5 && s.end >= H - 1);
  if (still) {
    m.bad(R.stillOpening, say.openingIsStillPictureAdd(span(still, lang)), say.frozen(span(still, lang)));
  }
  const brand = brandHeard(f);
  if (brand && brand.at < H) m.good(R.brandInHook, say.brandNamedAt(timestampLabel(brand.at)));
  return m.build(lang, {
    lowSignal: m.strong === 0,
    why: say.neitherCutsSoundNorSpeech,
    tip: tip('HOOK', lang),
  });
}
