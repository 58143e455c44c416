// STORYTELLING and EMOTIONAL_CONNECTION: contrast and feeling words, shots and pacing, the mix's dynamics.
import type { Lang } from '../i18n.js';
import { findKeywords } from '../keywords.js';
import type { CreativeMetric } from '../ports.js';
import { type MetricFacts, METRIC_RULES, MetricDraft, tip, hasSpeech, words, noTranscriptWhy, coefficientOfVariation } from './draft.js';
import { SIGNAL_COPY } from '../copy/metric-signals.js';

export function storytelling(f: MetricFacts, lang: Lang): CreativeMetric {
  const say = SIGNAL_COPY[lang].story;
  const R = METRIC_RULES.story;
  const m = new MetricDraft('STORYTELLING');
  const speech = hasSpeech(f.transcript);
  if (speech) {
    const hits = findKeywords(f.transcript, 'story');
    if (hits.length) {
      m.good(Math.min(R.maxContrast, R.perContrastWord * hits.length), say.contrastInScript(words(hits)), say.contrastWords(words(hits)));
      m.at(hits[0]!.at);
    } else {
      m.bad(R.noContrast, say.noContrastHeardProblemSolution, say.noContrastWordsInTranscript);
    }
    const t = f.transcript.available ? f.transcript.segments : [];
    const d = f.media.durationSeconds;
    if (d && t.length && t[0]!.start < d / 3 && t.at(-1)!.end > (2 * d) / 3) {
      m.good(R.voiceThroughout, say.voiceCarriesStoryFromStart);
    }
  }
  const shots = f.analysis?.shots;
  if (shots?.length) {
    if (shots.length === 1) {
      m.bad(R.oneShot, say.oneContinuousShotShowBefore, say.shot);
    } else {
      if (shots.length >= 3) m.good(R.severalShots, say.shotsGiveRoomForArc(shots.length), say.shots(shots.length));
      const cv = coefficientOfVariation(shots.map((s) => s.end - s.start));
      if (shots.length >= 3 && cv >= METRIC_RULES.variedPacingCv) {
        m.good(R.variedPacing, say.shotLengthsVaryRhythmOf, say.shotLengthVariation(cv.toFixed(2)));
      } else if (shots.length >= 3) {
        m.fact(say.shotLengthVariation(cv.toFixed(2)));
      }
    }
  }
  return m.build(lang, {
    lowSignal: !speech,
    why: noTranscriptWhy(f.transcript, lang),
    tip: tip('STORYTELLING', lang),
  });
}

export function emotion(f: MetricFacts, lang: Lang): CreativeMetric {
  const say = SIGNAL_COPY[lang].story;
  const R = METRIC_RULES.emotion;
  const m = new MetricDraft('EMOTIONAL_CONNECTION');
  const speech = hasSpeech(f.transcript);
  let heard = false;
  if (speech) {
    const hits = findKeywords(f.transcript, 'emotion');
    if (hits.length) {
      heard = true;
      m.good(Math.min(R.maxWords, R.perWord * hits.length), say.emotionalWordsHeard(words(hits)), say.emotionWords(words(hits)));
      m.at(hits[0]!.at);
    } else {
      m.fact(say.noEmotionWordsInTranscript);
    }
  }
  const l = f.analysis?.loudness;
  if (l?.rangeLu !== null && l?.rangeLu !== undefined && l.integratedLufs !== null) {
    if (l.rangeLu >= METRIC_RULES.dynamicRangeLu) m.good(R.dynamicMix, say.mixHasDynamicsLoudnessRange(l.rangeLu.toFixed(1)));
    else if (l.rangeLu < METRIC_RULES.flatRangeLu) m.bad(R.flatMix, say.soundIsFlatLoudnessRange(l.rangeLu.toFixed(1)));
    m.fact(`LRA ${l.rangeLu.toFixed(1)} LU`);
  }
  const why = speech ? say.noEmotionalWordsHeardAnd : noTranscriptWhy(f.transcript, lang);
  return m.build(lang, { lowSignal: !heard, why, tip: tip('EMOTIONAL_CONNECTION', lang) });
}
