// PRODUCT_FOCUS, VALUE_PROPOSITION, CALL_TO_ACTION and COMMUNITY: what the words offer and ask.
import { fmtSeconds, timestampLabel, type Lang } from '../i18n.js';
import { CTA_PHRASES, findKeywords, findNumbers, findPhrases } from '../keywords.js';
import type { CreativeMetric } from '../ports.js';
import {
  brandHeard,
  type MetricFacts,
  METRIC_RULES,
  T,
  MetricDraft,
  tip,
  hasSpeech,
  words,
  noTranscriptWhy,
} from './draft.js';

export function product(f: MetricFacts, lang: Lang): CreativeMetric {
  const R = METRIC_RULES.product;
  const m = new MetricDraft('PRODUCT_FOCUS');
  const speech = hasSpeech(f.transcript);
  if (f.options.brand && f.transcript.available) {
    const b = brandHeard(f);
    if (b) {
      m.good(
        R.brandHeard,
        T(
          lang,
          `Brand "${f.options.brand}" heard at ${timestampLabel(b.at)}.`,
          `Marca "${f.options.brand}" ouvida em ${timestampLabel(b.at)}.`,
        ),
        T(lang, `brand at ${fmtSeconds(b.at, lang)}`, `marca em ${fmtSeconds(b.at, lang)}`),
      );
      m.at(b.at);
      if (b.at < METRIC_RULES.brandEarlySeconds)
        m.good(
          R.brandEarly,
          T(
            lang,
            `The brand comes within the first ${METRIC_RULES.brandEarlySeconds} s.`,
            `A marca aparece nos primeiros ${METRIC_RULES.brandEarlySeconds} s.`,
          ),
        );
    } else {
      m.bad(
        R.brandMissing,
        T(
          lang,
          `"${f.options.brand}" was not heard: say the brand in the first ${METRIC_RULES.brandEarlySeconds} s.`,
          `"${f.options.brand}" não foi ouvida: diga a marca nos primeiros ${METRIC_RULES.brandEarlySeconds} s.`,
        ),
        T(lang, 'brand not heard', 'marca não ouvida'),
      );
    }
  }
  if (speech) {
    const hits = findKeywords(f.transcript, 'product');
    if (hits.length) {
      m.good(
        hits.length >= 2 ? R.productWords : R.productWord,
        T(lang, `The product is talked about (${words(hits)}).`, `O produto é mencionado (${words(hits)}).`),
        T(lang, `product words ${words(hits)}`, `palavras de produto ${words(hits)}`),
      );
      m.at(hits[0]!.at);
    } else {
      m.fact(T(lang, 'no product words in the transcript', 'nenhuma palavra de produto na transcrição'));
    }
  }
  const why = speech
    ? T(
        lang,
        'the product is only looked for in speech; whether it is shown needs a model',
        'o produto só é procurado na fala; se ele aparece na imagem pede um modelo',
      )
    : noTranscriptWhy(f.transcript, lang);
  return m.build(lang, { lowSignal: m.strong === 0, why, tip: tip('PRODUCT_FOCUS', lang) });
}

export function value(f: MetricFacts, lang: Lang): CreativeMetric {
  const R = METRIC_RULES.value;
  const m = new MetricDraft('VALUE_PROPOSITION');
  const speech = hasSpeech(f.transcript);
  if (speech) {
    const hits = findKeywords(f.transcript, 'value');
    const figures = findNumbers(f.transcript);
    if (hits.length) {
      m.good(
        hits.length >= 3 ? R.benefitWords : R.benefitWord,
        T(lang, `Benefit words heard (${words(hits)}).`, `Palavras de benefício ouvidas (${words(hits)}).`),
        T(lang, `benefit words ${words(hits)}`, `palavras de benefício ${words(hits)}`),
      );
      m.at(hits[0]!.at);
    }
    if (figures.length) {
      m.good(
        R.figure,
        T(lang, 'A concrete figure backs the offer.', 'Um número concreto sustenta a oferta.'),
        T(lang, `figure at ${fmtSeconds(figures[0]!.at, lang)}`, `número em ${fmtSeconds(figures[0]!.at, lang)}`),
      );
      m.at(figures[0]!.at);
    }
    if (!hits.length && !figures.length) {
      m.bad(
        R.noBenefit,
        T(
          lang,
          'No benefit heard: say what the viewer gains (time, money, a result).',
          'Nenhum benefício ouvido: diga o que o espectador ganha (tempo, dinheiro, um resultado).',
        ),
        T(
          lang,
          'no benefit words or figures in the transcript',
          'nenhuma palavra de benefício ou número na transcrição',
        ),
      );
    }
  }
  return m.build(lang, {
    lowSignal: !speech,
    why: noTranscriptWhy(f.transcript, lang),
    tip: tip('VALUE_PROPOSITION', lang),
  });
}

export function cta(f: MetricFacts, lang: Lang): CreativeMetric {
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
        T(
          lang,
          `Call to action heard${at !== null ? ` at ${timestampLabel(at)}` : ''} (${words(hits) || check.evidence}).`,
          `Chamada para ação ouvida${at !== null ? ` em ${timestampLabel(at)}` : ''} (${words(hits) || check.evidence}).`,
        ),
        check.evidence,
      );
      m.at(at);
      const d = f.media.durationSeconds;
      const last = hits.at(-1)?.at ?? at;
      if (d && last !== null && last >= d / 2)
        m.good(
          R.nearEnd,
          T(
            lang,
            'It comes in the second half, where viewers are ready to act.',
            'Ela vem na segunda metade, quando o espectador está pronto para agir.',
          ),
        );
      else if (d && last !== null)
        m.toImprove.push(
          T(
            lang,
            'Repeat the call to action near the end, where viewers are ready to act.',
            'Repita a chamada para ação perto do fim, quando o espectador está pronto para agir.',
          ),
        );
      if (hits.length >= 2)
        m.good(R.repeated, T(lang, 'The call to action is repeated.', 'A chamada para ação é repetida.'));
    } else {
      // Without any speech the check fails too, but an on-screen CTA may be there: a smaller step, and said to be weak.
      const speech = hasSpeech(f.transcript);
      m.bad(
        speech ? R.missing : R.noSpeech,
        T(
          lang,
          'No call to action heard: end with one clear phrase ("Shop now", "Sign up today") and show it on screen.',
          'Nenhuma chamada para ação ouvida: termine com uma frase clara ("Compre agora", "Cadastre-se hoje") e mostre-a na tela.',
        ),
        check.evidence,
      );
      if (!speech) weak = true;
      m.at(f.media.durationSeconds !== null ? Math.max(0, f.media.durationSeconds - 3) : null);
    }
  }
  const why = f.transcript.available
    ? T(
        lang,
        'no speech to hear a call to action in; an on-screen CTA is not read without a model',
        'sem fala para ouvir uma chamada para ação; um CTA escrito na tela não é lido sem um modelo',
      )
    : T(
        lang,
        `no transcript (${f.transcript.reason}); an on-screen CTA is not read without a model`,
        `sem transcrição (${f.transcript.reason}); um CTA escrito na tela não é lido sem um modelo`,
      );
  return m.build(lang, { lowSignal: weak || m.strong === 0, why, tip: tip('CALL_TO_ACTION', lang) });
}

export function community(f: MetricFacts, lang: Lang): CreativeMetric {
  const R = METRIC_RULES.community;
  const m = new MetricDraft('COMMUNITY');
  const speech = hasSpeech(f.transcript);
  if (speech) {
    const hits = findKeywords(f.transcript, 'community');
    const direct = new Set(['you', 'your', 'voce', 'voces', 'seu', 'sua']);
    const address = hits.filter((h) => direct.has(h.phrase));
    const group = hits.filter((h) => !direct.has(h.phrase));
    if (address.length >= 2)
      m.good(
        R.directAddress,
        T(lang, 'Talks to the viewer directly.', 'Fala diretamente com o espectador.'),
        T(lang, `${address.length}× "you"`, `${address.length}× "você"`),
      );
    if (group.length) {
      m.good(
        R.communityWord,
        T(lang, `Invites people in (${words(group)}).`, `Convida as pessoas (${words(group)}).`),
        T(lang, `community words ${words(group)}`, `palavras de comunidade ${words(group)}`),
      );
      m.at(group[0]!.at);
    }
    if (!hits.length)
      m.fact(T(lang, 'no community words in the transcript', 'nenhuma palavra de comunidade na transcrição'));
  }
  const why = speech
    ? T(
        lang,
        'only speech is read; people, creators and social proof on screen need a model',
        'só a fala é lida; pessoas, criadores e prova social na tela pedem um modelo',
      )
    : noTranscriptWhy(f.transcript, lang);
  return m.build(lang, { lowSignal: m.strong === 0, why, tip: tip('COMMUNITY', lang) });
}
