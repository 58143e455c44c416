// STORYTELLING and EMOTIONAL_CONNECTION: contrast and feeling words, shots and pacing, the mix's dynamics.
import type { Lang } from '../i18n.js';
import { findKeywords } from '../keywords.js';
import type { CreativeMetric } from '../ports.js';
import {
  type MetricFacts,
  METRIC_RULES,
  T,
  MetricDraft,
  tip,
  hasSpeech,
  words,
  noTranscriptWhy,
  coefficientOfVariation,
} from './draft.js';

export function storytelling(f: MetricFacts, lang: Lang): CreativeMetric {
  const R = METRIC_RULES.story;
  const m = new MetricDraft('STORYTELLING');
  const speech = hasSpeech(f.transcript);
  if (speech) {
    const hits = findKeywords(f.transcript, 'story');
    if (hits.length) {
      m.good(
        Math.min(R.maxContrast, R.perContrastWord * hits.length),
        T(lang, `Contrast in the script (${words(hits)}).`, `Contraste no roteiro (${words(hits)}).`),
        T(lang, `contrast words ${words(hits)}`, `palavras de contraste ${words(hits)}`),
      );
      m.at(hits[0]!.at);
    } else {
      m.bad(
        R.noContrast,
        T(
          lang,
          'No contrast heard (problem → solution, before → after): build the script around one.',
          'Nenhum contraste ouvido (problema → solução, antes → depois): construa o roteiro em torno de um.',
        ),
        T(lang, 'no contrast words in the transcript', 'nenhuma palavra de contraste na transcrição'),
      );
    }
    const t = f.transcript.available ? f.transcript.segments : [];
    const d = f.media.durationSeconds;
    if (d && t.length && t[0]!.start < d / 3 && t.at(-1)!.end > (2 * d) / 3) {
      m.good(
        R.voiceThroughout,
        T(lang, 'The voice carries the story from start to end.', 'A voz conduz a história do início ao fim.'),
      );
    }
  }
  const shots = f.analysis?.shots;
  if (shots?.length) {
    if (shots.length === 1) {
      m.bad(
        R.oneShot,
        T(
          lang,
          'One continuous shot: show a before and an after.',
          'Um único plano contínuo: mostre um antes e um depois.',
        ),
        T(lang, '1 shot', '1 plano'),
      );
    } else {
      if (shots.length >= 3)
        m.good(
          R.severalShots,
          T(lang, `${shots.length} shots give room for an arc.`, `${shots.length} planos dão espaço para um arco.`),
          T(lang, `${shots.length} shots`, `${shots.length} planos`),
        );
      const cv = coefficientOfVariation(shots.map((s) => s.end - s.start));
      if (shots.length >= 3 && cv >= METRIC_RULES.variedPacingCv) {
        m.good(
          R.variedPacing,
          T(
            lang,
            'Shot lengths vary: a rhythm of slow and fast moments.',
            'A duração dos planos varia: um ritmo de momentos lentos e rápidos.',
          ),
          T(lang, `shot-length variation ${cv.toFixed(2)}`, `variação da duração dos planos ${cv.toFixed(2)}`),
        );
      } else if (shots.length >= 3) {
        m.fact(T(lang, `shot-length variation ${cv.toFixed(2)}`, `variação da duração dos planos ${cv.toFixed(2)}`));
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
  const R = METRIC_RULES.emotion;
  const m = new MetricDraft('EMOTIONAL_CONNECTION');
  const speech = hasSpeech(f.transcript);
  let heard = false;
  if (speech) {
    const hits = findKeywords(f.transcript, 'emotion');
    if (hits.length) {
      heard = true;
      m.good(
        Math.min(R.maxWords, R.perWord * hits.length),
        T(lang, `Emotional words heard (${words(hits)}).`, `Palavras emocionais ouvidas (${words(hits)}).`),
        T(lang, `emotion words ${words(hits)}`, `palavras emocionais ${words(hits)}`),
      );
      m.at(hits[0]!.at);
    } else {
      m.fact(T(lang, 'no emotion words in the transcript', 'nenhuma palavra emocional na transcrição'));
    }
  }
  const l = f.analysis?.loudness;
  if (l?.rangeLu !== null && l?.rangeLu !== undefined && l.integratedLufs !== null) {
    if (l.rangeLu >= METRIC_RULES.dynamicRangeLu)
      m.good(
        R.dynamicMix,
        T(
          lang,
          `The mix has dynamics (loudness range ${l.rangeLu.toFixed(1)} LU).`,
          `A mixagem tem dinâmica (faixa de loudness ${l.rangeLu.toFixed(1)} LU).`,
        ),
      );
    else if (l.rangeLu < METRIC_RULES.flatRangeLu)
      m.bad(
        R.flatMix,
        T(
          lang,
          `The sound is flat (loudness range ${l.rangeLu.toFixed(1)} LU): let music rise and fall with the story.`,
          `O som é plano (faixa de loudness ${l.rangeLu.toFixed(1)} LU): deixe a música subir e descer com a história.`,
        ),
      );
    m.fact(`LRA ${l.rangeLu.toFixed(1)} LU`);
  }
  const why = speech
    ? T(
        lang,
        'no emotional words heard, and faces and music mood need a model',
        'nenhuma palavra emocional ouvida, e rostos e clima da música pedem um modelo',
      )
    : noTranscriptWhy(f.transcript, lang);
  return m.build(lang, { lowSignal: !heard, why, tip: tip('EMOTIONAL_CONNECTION', lang) });
}
