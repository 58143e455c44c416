// HOOK: the first 3 s (cuts, sound, words, black or still opening, the brand).
import { fmtSeconds, timestampLabel, type Lang } from '../i18n.js';
import { findKeywords } from '../keywords.js';
import type { CreativeMetric } from '../ports.js';
import { RULES } from '../rules.js';
import { brandHeard, type MetricFacts, METRIC_RULES, T, MetricDraft, tip, firstSpoken, words, span } from './draft.js';

export function hook(f: MetricFacts, lang: Lang): CreativeMetric {
  const R = METRIC_RULES.hook;
  const H = METRIC_RULES.hookSeconds;
  const m = new MetricDraft('HOOK');
  const a = f.analysis;
  m.at(0);
  if (a?.cuts) {
    const inHook = a.cuts.filter((c) => c < H);
    if (inHook.length) {
      m.good(
        R.cutInHook,
        T(
          lang,
          `A cut at ${timestampLabel(inHook[0])} keeps the opening moving.`,
          `Um corte em ${timestampLabel(inHook[0])} dá movimento à abertura.`,
        ),
        T(
          lang,
          `first cut at ${fmtSeconds(inHook[0]!, lang, 2)}`,
          `primeiro corte em ${fmtSeconds(inHook[0]!, lang, 2)}`,
        ),
      );
      if (inHook.length >= 2)
        m.good(
          R.twoCutsInHook,
          T(lang, `${inHook.length} cuts in the first ${H} s.`, `${inHook.length} cortes nos primeiros ${H} s.`),
        );
    } else {
      const first = a.firstCutAt;
      m.bad(
        R.noCutInHook,
        T(
          lang,
          `No cut in the first ${H} s: cut, move or show a face by 0:02.`,
          `Nenhum corte nos primeiros ${H} s: corte, movimente ou mostre um rosto até 0:02.`,
        ),
        first === null
          ? T(lang, 'one continuous shot', 'um único plano contínuo')
          : T(lang, `first cut at ${fmtSeconds(first, lang, 2)}`, `primeiro corte em ${fmtSeconds(first, lang, 2)}`),
      );
    }
  }
  if (a && a.silentOpeningSeconds !== null) {
    const silent = a.silentOpeningSeconds;
    if (silent <= RULES.soundEarly.maxSilentOpeningSeconds) {
      m.good(
        R.soundAtOnce,
        T(lang, 'Sound from the first second.', 'Som desde o primeiro segundo.'),
        T(lang, `silent opening ${fmtSeconds(silent, lang, 2)}`, `abertura em silêncio ${fmtSeconds(silent, lang, 2)}`),
      );
    } else {
      m.bad(
        silent >= H ? R.longSilentOpening : R.silentOpening,
        T(
          lang,
          `Silent for the first ${fmtSeconds(silent, lang)}: start music or voice at 0:00.`,
          `Silêncio nos primeiros ${fmtSeconds(silent, lang)}: comece a música ou a voz em 0:00.`,
        ),
        T(lang, `silent opening ${fmtSeconds(silent, lang, 2)}`, `abertura em silêncio ${fmtSeconds(silent, lang, 2)}`),
      );
    }
  }
  if (f.transcript.available) {
    const first = firstSpoken(f.transcript);
    if (first !== null && first < H) {
      m.good(
        R.speechInHook,
        T(
          lang,
          `Words from ${timestampLabel(first)}: the message starts inside the hook.`,
          `Fala a partir de ${timestampLabel(first)}: a mensagem começa dentro do gancho.`,
        ),
        T(lang, `first words at ${fmtSeconds(first, lang)}`, `primeiras palavras em ${fmtSeconds(first, lang)}`),
      );
      const q = findKeywords(f.transcript, 'question').filter((h) => h.at < H);
      if (q.length)
        m.good(
          R.questionInHook,
          T(
            lang,
            `Opens with a question or challenge (${words(q)}).`,
            `Abre com uma pergunta ou desafio (${words(q)}).`,
          ),
        );
    } else {
      m.bad(
        R.noSpeechInHook,
        T(
          lang,
          `No words in the first ${H} s: say the hook out loud.`,
          `Nenhuma palavra nos primeiros ${H} s: diga o gancho em voz alta.`,
        ),
        first === null
          ? T(lang, 'no words recognised', 'nenhuma palavra reconhecida')
          : T(lang, `first words at ${fmtSeconds(first, lang)}`, `primeiras palavras em ${fmtSeconds(first, lang)}`),
      );
    }
  }
  const black = a?.blackSegments?.find((s) => s.start < 0.5);
  if (black) {
    m.bad(
      R.blackOpening,
      T(
        lang,
        `Opens on black (${span(black, lang)}): start on the image.`,
        `Abre com tela preta (${span(black, lang)}): comece na imagem.`,
      ),
      T(lang, `black ${span(black, lang)}`, `preto ${span(black, lang)}`),
    );
  }
  const still = a?.frozenSegments?.find((s) => s.start < 0.5 && s.end >= H - 1);
  if (still) {
    m.bad(
      R.stillOpening,
      T(
        lang,
        `The opening is a still picture (${span(still, lang)}): add motion.`,
        `A abertura é uma imagem parada (${span(still, lang)}): adicione movimento.`,
      ),
      T(lang, `frozen ${span(still, lang)}`, `imagem parada ${span(still, lang)}`),
    );
  }
  const brand = brandHeard(f);
  if (brand && brand.at < H)
    m.good(
      R.brandInHook,
      T(lang, `Brand named at ${timestampLabel(brand.at)}.`, `Marca citada em ${timestampLabel(brand.at)}.`),
    );
  return m.build(lang, {
    lowSignal: m.strong === 0,
    why: T(lang, 'neither cuts, sound nor speech were measured', 'cortes, som e fala não foram medidos'),
    tip: tip('HOOK', lang),
  });
}
