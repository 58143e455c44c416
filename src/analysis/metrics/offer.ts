// PRODUCT_FOCUS, VALUE_PROPOSITION, CALL_TO_ACTION and COMMUNITY: what the words offer and ask.
import { fmtSeconds, timestampLabel, type Lang } from '../i18n.js';
import { CTA_PHRASES, findKeywords, findNumbers, findPhrases } from '../keywords.js';
import type { CreativeMetric } from '../ports.js';
import { brandHeard, type MetricFacts, METRIC_RULES, MetricDraft, tip, hasSpeech, words, noTranscriptWhy } from './draft.js';
import { SIGNAL_COPY } from '../copy/metric-signals.js';

export function product(f: MetricFacts, lang: Lang): CreativeMetric {
  const say = SIGNAL_COPY[lang].offer;
  const R = METRIC_RULES.product;
  const m = new MetricDraft('PRODUCT_FOCUS');
  const speech = hasSpeech(f.transcript);
  if (f.options.brand && f.transcript.available) {
    const b = brandHeard(f);
    if (b) {
      m.good(R.brandHeard, say.brandHeardAt(f.options.brand, timestampLabel(b.at)), say.brandAt(fmtSeconds(b.at, lang)));
      m.at(b.at);
      if (b.at < METRIC_RULES.brandEarlySeconds) m.good(R.brandEarly, say.brandComesWithinFirst(METRIC_RULES.brandEarlySeconds));
    } else {
      m.bad(R.brandMissing, say.wasNotHeardSayBrand(f.options.brand, METRIC_RULES.brandEarlySeconds), say.brandNotHeard);
    }
  }
  if (speech) {
    const hits = findKeywords(f.transcript, 'product');
    if (hits.length) {
      m.good(hits.length >= 2 ? R.productWords : R.productWord, say.productIsTalkedAbout(words(hits)), say.productWords(words(hits)));
      m.at(hits[0]!.at);
    } else {
      m.fact(say.noProductWordsInTranscript);
    }
  }
  const why = speech ? say.productIsOnlyLookedFor : noTranscriptWhy(f.transcript, lang);
  return m.build(lang, { lowSignal: m.strong === 0, why, tip: tip('PRODUCT_FOCUS', lang) });
}

export function value(f: MetricFacts, lang: Lang): CreativeMetric {
  const say = SIGNAL_COPY[lang].offer;
  const R = METRIC_RULES.value;
  const m = new MetricDraft('VALUE_PROPOSITION');
  const speech = hasSpeech(f.transcript);
  if (speech) {
    const hits = findKeywords(f.transcript, 'value');
    const figures = findNumbers(f.transcript);
    if (hits.length) {
      m.good(hits.length >= 3 ? R.benefitWords : R.benefitWord, say.benefitWordsHeard(words(hits)), say.benefitWords(words(hits)));
      m.at(hits[0]!.at);
    }
    if (figures.length) {
      m.good(R.figure, say.concreteFigureBacksOffer, say.figureAt(fmtSeconds(figures[0]!.at, lang)));
      m.at(figures[0]!.at);
    }
    if (!hits.length && !figures.length) {
      m.bad(R.noBenefit, say.noBenefitHeardSayWhat, say.noBenefitWordsOrFigures);
    }
  }
  return m.build(lang, {
    lowSignal: !speech,
    why: noTranscriptWhy(f.transcript, lang),
    tip: tip('VALUE_PROPOSITION', lang),
  });
}

export function cta(f: MetricFacts, lang: Lang): CreativeMetric {
  const say = SIGNAL_COPY[lang].offer;
  const R = METRIC_RULES.cta;
  const m = new MetricDraft('CALL_TO_ACTION');
  const check = f.checks.find((c) => c.code === 'CTA_SPEECH');
  let weak = false;
  if (check && check.passed !== null) {
    if (check.passed) {
      const hits = findPhrases(f.transcript, CTA_PHRASES);
      const at = check.atSeconds ?? hits[0]?.at ?? null;
      m.good(
        R.heard,
        say.callToActionHeard(
          at !== null ? ` at ${timestampLabel(at)}` : '',
          words(hits) || check.evidence,
          at !== null ? ` em ${timestampLabel(at)}` : '',
        ),
        check.evidence,
      );
      m.at(at);
      const d = f.media.durationSeconds;
      const last = hits.at(-1)?.at ?? at;
      if (d && last !== null && last >= d / 2) m.good(R.nearEnd, say.itComesInSecondHalf);
      else if (d && last !== null) m.toImprove.push(say.repeatCallToActionNear);
      if (hits.length >= 2) m.good(R.repeated, say.callToActionIsRepeated);
    } else {
      // Without any speech the check fails too, but an on-screen CTA may be there: a smaller step, and said to be weak.
      const speech = hasSpeech(f.transcript);
      m.bad(speech ? R.missing : R.noSpeech, say.noCallToActionHeard, check.evidence);
      if (!speech) weak = true;
      m.at(f.media.durationSeconds !== null ? Math.max(0, f.media.durationSeconds - 3) : null);
    }
  }
  const why = f.transcript.available ? say.noSpeechToHearCall : say.noTranscriptOnScreenCta(f.transcript.reason);
  return m.build(lang, { lowSignal: weak || m.strong === 0, why, tip: tip('CALL_TO_ACTION', lang) });
}

export function community(f: MetricFacts, lang: Lang): CreativeMetric {
  const say = SIGNAL_COPY[lang].offer;
  const R = METRIC_RULES.community;
  const m = new MetricDraft('COMMUNITY');
  const speech = hasSpeech(f.transcript);
  if (speech) {
    const hits = findKeywords(f.transcript, 'community');
    const direct = new Set(['you', 'your', 'voce', 'voces', 'seu', 'sua']);
    const address = hits.filter((h) => direct.has(h.phrase));
    const group = hits.filter((h) => !direct.has(h.phrase));
    if (address.length >= 2) m.good(R.directAddress, say.talksToViewerDirectly, say.you(address.length));
    if (group.length) {
      m.good(R.communityWord, say.invitesPeopleIn(words(group)), say.communityWords(words(group)));
      m.at(group[0]!.at);
    }
    if (!hits.length) m.fact(say.noCommunityWordsInTranscript);
  }
  const why = speech ? say.onlySpeechIsReadPeople : noTranscriptWhy(f.transcript, lang);
  return m.build(lang, { lowSignal: m.strong === 0, why, tip: tip('COMMUNITY', lang) });
}
