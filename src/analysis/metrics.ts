// The nine creative metrics from what can be measured, without a model: cuts, silences, loudness,
// black and frozen stretches, resolution and bit rate (ffprobe + the one-pass analysis), and what
// the transcript says (./keywords.ts). Each metric starts at a base, moves by a fixed step per
// signal, and lists the facts it used. Metrics that rest on little signal (story, emotion,
// product, value, community read only from speech) stay near the neutral 50 and say so in their
// evidence (`lowSignal`). Pure: facts in, metrics out.
import type { MediaAnalysis, MediaProbe, TimeSegment } from '../domain/media.js';
import type { AnalysisOptions } from '../domain/model.js';
import { fmtSeconds, timestampLabel, type Lang } from './i18n.js';
import { CTA_PHRASES, findKeywords, findNumbers, findPhrases, normalizeText, wordCount, type Heard } from './keywords.js';
import type { Check, CreativeMetric, CreativeMetricCode } from './ports.js';
import type { Transcript } from '../domain/transcript.js';
import { RULES } from './rules.js';
import { METRIC_CODES, NEUTRAL_SCORE } from './scoring-config.js';
import { clamp } from './scoring.js';

export interface MetricFacts {
  media: MediaProbe;
  analysis: MediaAnalysis | null | undefined;
  transcript: Transcript;
  /** The measured checks (CTA_SPEECH, BRAND_MENTION_EARLY, … are read from here). */
  checks: readonly Check[];
  options: AnalysisOptions;
}

/**
 * The steps: points a signal moves a metric. Documented here so the heuristics can be tuned in one
 * place; each is applied at most once per metric unless noted.
 */
export const METRIC_RULES = {
  /** The hook is the first 3 s (the product's "3-second hook"). */
  hookSeconds: 3,
  hook: { cutInHook: 15, noCutInHook: -15, twoCutsInHook: 5, soundAtOnce: 10, silentOpening: -10, longSilentOpening: -20, speechInHook: 10, noSpeechInHook: -5, questionInHook: 5, blackOpening: -15, stillOpening: -10, brandInHook: 5 },
  story: { perContrastWord: 8, maxContrast: 16, noContrast: -5, oneShot: -10, severalShots: 5, variedPacing: 5, voiceThroughout: 5 },
  /** Shot lengths vary when their coefficient of variation reaches this. */
  variedPacingCv: 0.5,
  emotion: { perWord: 8, maxWords: 16, dynamicMix: 5, flatMix: -5 },
  /** Loudness range (LU) above which the mix has dynamics, below which it is flat. */
  dynamicRangeLu: 4,
  flatRangeLu: 1.5,
  audio: { noAudio: -40, silentTrack: -35, onTarget: 15, tooQuiet: -10, farTooQuiet: -20, tooLoud: -5, truePeak: -5, silentOpening: -5, voice: 10, noVoice: -5, subtitles: 10, fastSpeech: -5 },
  /** Integrated loudness this far under the social target (LU) counts as far too quiet. */
  farTooQuietLu: 10,
  /** Words per minute above which a voice-over is hard to follow. */
  fastSpeechWpm: 220,
  product: { brandHeard: 15, brandEarly: 5, brandMissing: -10, productWord: 8, productWords: 12 },
  /** ABCD: the brand is mentioned within the first 5 s. */
  brandEarlySeconds: 5,
  value: { benefitWord: 10, benefitWords: 15, figure: 10, noBenefit: -5 },
  cta: { heard: 25, nearEnd: 10, repeated: 5, missing: -25, noSpeech: -10 },
  community: { directAddress: 5, communityWord: 10 },
  quality: { base: 60, fullHd: 20, hd: 10, belowSpec: -15, veryLow: -25, lowFps: -10, lowBitrate: -10, mostlyFrozen: -15, someFrozen: -5, blackMidway: -10 },
  /** Bits per pixel per frame under which H.264 at social sizes turns blocky after re-encoding. */
  lowBitsPerPixel: 0.02,
  /** Share of the running time frozen above which the picture reads as a slideshow. */
  mostlyFrozenShare: 0.3,
} as const;

const T = (lang: Lang, en: string, pt: string) => (lang === 'pt' ? pt : en);

/** One metric being built: a score that moves per signal, the points for each side, the facts used. */
class MetricDraft {
  private score: number;
  readonly wentWell: string[] = [];
  readonly toImprove: string[] = [];
  readonly facts: string[] = [];
  /** Signals that moved the score, or that could have (measured, but nothing found). */
  strong = 0;
  atSeconds: number | null = null;

  constructor(readonly code: CreativeMetricCode, base: number = NEUTRAL_SCORE) {
    this.score = base;
  }

  good(delta: number, text: string, fact?: string): this {
    this.score += delta;
    this.wentWell.push(text);
    if (fact) this.facts.push(fact);
    this.strong++;
    return this;
  }

  bad(delta: number, text: string, fact?: string): this {
    this.score += delta;
    this.toImprove.push(text);
    if (fact) this.facts.push(fact);
    this.strong++;
    return this;
  }

  fact(text: string): this {
    this.facts.push(text);
    return this;
  }

  at(seconds: number | null | undefined): this {
    if (this.atSeconds === null && seconds !== null && seconds !== undefined) this.atSeconds = round2(seconds);
    return this;
  }

  build(lang: Lang, opts: { lowSignal: boolean; why: string; tip: string }): CreativeMetric {
    const lowSignal = opts.lowSignal;
    const facts = this.facts.join('; ');
    const evidence = lowSignal
      ? T(
          lang,
          `Rule-based estimate with little signal, kept near the neutral ${NEUTRAL_SCORE}: ${opts.why}.${facts ? ` Measured: ${facts}.` : ''} The picture itself is not judged without a model.`,
          `Estimativa por regras com pouco sinal, mantida perto do neutro ${NEUTRAL_SCORE}: ${opts.why}.${facts ? ` Medido: ${facts}.` : ''} A imagem em si não é avaliada sem um modelo.`,
        )
      : T(lang, `Rule-based, from measured facts: ${facts || 'none'}.`, `Por regras, a partir de fatos medidos: ${facts || 'nenhum'}.`);
    const toImprove = [...this.toImprove];
    if (!toImprove.length && (lowSignal || this.score < 60)) toImprove.push(opts.tip);
    return {
      code: this.code,
      score: Math.round(clamp(this.score)),
      wentWell: [...this.wentWell],
      toImprove,
      evidence,
      atSeconds: this.atSeconds,
      source: 'rules',
      lowSignal,
    };
  }
}

const TIPS: Record<CreativeMetricCode, [en: string, pt: string]> = {
  HOOK: ['Open with motion, a face or the product and a spoken line inside the first 3 s.', 'Abra com movimento, um rosto ou o produto e uma fala nos 3 primeiros segundos.'],
  STORYTELLING: ['Build the script on a contrast: the problem first, then the product solving it (before → after).', 'Construa o roteiro sobre um contraste: primeiro o problema, depois o produto resolvendo (antes → depois).'],
  EMOTIONAL_CONNECTION: ['Give the viewer a feeling to react to (humour, surprise, relief, aspiration), shown on a face.', 'Dê ao espectador uma emoção para reagir (humor, surpresa, alívio, aspiração), mostrada em um rosto.'],
  AUDIO_VOICE_SUBTITLES: ['Mix music and a clear voice-over to about −14 LUFS, and add captions for sound-off viewing.', 'Mixe música e uma locução clara em cerca de −14 LUFS e adicione legendas para quem assiste sem som.'],
  PRODUCT_FOCUS: ['Show and name the product within the first 5 s, and keep it on screen.', 'Mostre e diga o nome do produto nos primeiros 5 s e mantenha-o na tela.'],
  VALUE_PROPOSITION: ['State the benefit in one concrete line: what the viewer gains, with a number if you have one.', 'Diga o benefício em uma frase concreta: o que o espectador ganha, com um número se tiver.'],
  CALL_TO_ACTION: ['Close with one call to action, said and shown (e.g. "Shop now", "Sign up today").', 'Feche com uma chamada para ação, falada e escrita (ex.: "Compre agora", "Cadastre-se hoje").'],
  COMMUNITY: ['Show real people or customers, and invite the viewer to comment, share or join.', 'Mostre pessoas reais ou clientes e convide o espectador a comentar, compartilhar ou participar.'],
  RESOLUTION_QUALITY: ['Export at 1080×1920 (or the placement’s size) with enough bit rate, and cut still or black stretches.', 'Exporte em 1080×1920 (ou no tamanho do posicionamento) com taxa de bits suficiente e corte trechos parados ou pretos.'],
};
const tip = (code: CreativeMetricCode, lang: Lang) => TIPS[code][lang === 'pt' ? 1 : 0];

const hasSpeech = (t: Transcript) => t.available && wordCount(t) > 0;
const firstSpoken = (t: Transcript): number | null => (t.available ? (t.firstSpokenAt ?? t.segments[0]?.start ?? null) : null);
const words = (hits: Heard[]) => [...new Set(hits.map((h) => `"${h.phrase}"`))].slice(0, 4).join(', ');
const noTranscriptWhy = (t: Transcript, lang: Lang) =>
  t.available
    ? T(lang, 'no words were recognised in the sound track', 'nenhuma palavra foi reconhecida no áudio')
    : T(lang, `no transcript (${t.reason}), and this metric is read from speech`, `sem transcrição (${t.reason}), e esta métrica é lida da fala`);

function hook(f: MetricFacts, lang: Lang): CreativeMetric {
  const R = METRIC_RULES.hook;
  const H = METRIC_RULES.hookSeconds;
  const m = new MetricDraft('HOOK');
  const a = f.analysis;
  m.at(0);
  if (a?.cuts) {
    const inHook = a.cuts.filter((c) => c < H);
    if (inHook.length) {
      m.good(R.cutInHook, T(lang, `A cut at ${timestampLabel(inHook[0])} keeps the opening moving.`, `Um corte em ${timestampLabel(inHook[0])} dá movimento à abertura.`), T(lang, `first cut at ${fmtSeconds(inHook[0]!, lang, 2)}`, `primeiro corte em ${fmtSeconds(inHook[0]!, lang, 2)}`));
      if (inHook.length >= 2) m.good(R.twoCutsInHook, T(lang, `${inHook.length} cuts in the first ${H} s.`, `${inHook.length} cortes nos primeiros ${H} s.`));
    } else {
      const first = a.firstCutAt;
      m.bad(
        R.noCutInHook,
        T(lang, `No cut in the first ${H} s: cut, move or show a face by 0:02.`, `Nenhum corte nos primeiros ${H} s: corte, movimente ou mostre um rosto até 0:02.`),
        first === null ? T(lang, 'one continuous shot', 'um único plano contínuo') : T(lang, `first cut at ${fmtSeconds(first, lang, 2)}`, `primeiro corte em ${fmtSeconds(first, lang, 2)}`),
      );
    }
  }
  if (a && a.silentOpeningSeconds !== null) {
    const silent = a.silentOpeningSeconds;
    if (silent <= RULES.soundEarly.maxSilentOpeningSeconds) {
      m.good(R.soundAtOnce, T(lang, 'Sound from the first second.', 'Som desde o primeiro segundo.'), T(lang, `silent opening ${fmtSeconds(silent, lang, 2)}`, `abertura em silêncio ${fmtSeconds(silent, lang, 2)}`));
    } else {
      m.bad(
        silent >= H ? R.longSilentOpening : R.silentOpening,
        T(lang, `Silent for the first ${fmtSeconds(silent, lang)}: start music or voice at 0:00.`, `Silêncio nos primeiros ${fmtSeconds(silent, lang)}: comece a música ou a voz em 0:00.`),
        T(lang, `silent opening ${fmtSeconds(silent, lang, 2)}`, `abertura em silêncio ${fmtSeconds(silent, lang, 2)}`),
      );
    }
  }
  if (f.transcript.available) {
    const first = firstSpoken(f.transcript);
    if (first !== null && first < H) {
      m.good(R.speechInHook, T(lang, `Words from ${timestampLabel(first)}: the message starts inside the hook.`, `Fala a partir de ${timestampLabel(first)}: a mensagem começa dentro do gancho.`), T(lang, `first words at ${fmtSeconds(first, lang)}`, `primeiras palavras em ${fmtSeconds(first, lang)}`));
      const q = findKeywords(f.transcript, 'question').filter((h) => h.at < H);
      if (q.length) m.good(R.questionInHook, T(lang, `Opens with a question or challenge (${words(q)}).`, `Abre com uma pergunta ou desafio (${words(q)}).`));
    } else {
      m.bad(
        R.noSpeechInHook,
        T(lang, `No words in the first ${H} s: say the hook out loud.`, `Nenhuma palavra nos primeiros ${H} s: diga o gancho em voz alta.`),
        first === null ? T(lang, 'no words recognised', 'nenhuma palavra reconhecida') : T(lang, `first words at ${fmtSeconds(first, lang)}`, `primeiras palavras em ${fmtSeconds(first, lang)}`),
      );
    }
  }
  const black = a?.blackSegments?.find((s) => s.start < 0.5);
  if (black) {
    m.bad(R.blackOpening, T(lang, `Opens on black (${span(black, lang)}): start on the image.`, `Abre com tela preta (${span(black, lang)}): comece na imagem.`), T(lang, `black ${span(black, lang)}`, `preto ${span(black, lang)}`));
  }
  const still = a?.frozenSegments?.find((s) => s.start < 0.5 && s.end >= H - 1);
  if (still) {
    m.bad(R.stillOpening, T(lang, `The opening is a still picture (${span(still, lang)}): add motion.`, `A abertura é uma imagem parada (${span(still, lang)}): adicione movimento.`), T(lang, `frozen ${span(still, lang)}`, `imagem parada ${span(still, lang)}`));
  }
  const brand = brandHeard(f);
  if (brand && brand.at < H) m.good(R.brandInHook, T(lang, `Brand named at ${timestampLabel(brand.at)}.`, `Marca citada em ${timestampLabel(brand.at)}.`));
  return m.build(lang, { lowSignal: m.strong === 0, why: T(lang, 'neither cuts, sound nor speech were measured', 'cortes, som e fala não foram medidos'), tip: tip('HOOK', lang) });
}

function storytelling(f: MetricFacts, lang: Lang): CreativeMetric {
  const R = METRIC_RULES.story;
  const m = new MetricDraft('STORYTELLING');
  const speech = hasSpeech(f.transcript);
  if (speech) {
    const hits = findKeywords(f.transcript, 'story');
    if (hits.length) {
      m.good(Math.min(R.maxContrast, R.perContrastWord * hits.length), T(lang, `Contrast in the script (${words(hits)}).`, `Contraste no roteiro (${words(hits)}).`), T(lang, `contrast words ${words(hits)}`, `palavras de contraste ${words(hits)}`));
      m.at(hits[0]!.at);
    } else {
      m.bad(R.noContrast, T(lang, 'No contrast heard (problem → solution, before → after): build the script around one.', 'Nenhum contraste ouvido (problema → solução, antes → depois): construa o roteiro em torno de um.'), T(lang, 'no contrast words in the transcript', 'nenhuma palavra de contraste na transcrição'));
    }
    const t = f.transcript.available ? f.transcript.segments : [];
    const d = f.media.durationSeconds;
    if (d && t.length && t[0]!.start < d / 3 && t.at(-1)!.end > (2 * d) / 3) {
      m.good(R.voiceThroughout, T(lang, 'The voice carries the story from start to end.', 'A voz conduz a história do início ao fim.'));
    }
  }
  const shots = f.analysis?.shots;
  if (shots?.length) {
    if (shots.length === 1) {
      m.bad(R.oneShot, T(lang, 'One continuous shot: show a before and an after.', 'Um único plano contínuo: mostre um antes e um depois.'), T(lang, '1 shot', '1 plano'));
    } else {
      if (shots.length >= 3) m.good(R.severalShots, T(lang, `${shots.length} shots give room for an arc.`, `${shots.length} planos dão espaço para um arco.`), T(lang, `${shots.length} shots`, `${shots.length} planos`));
      const cv = coefficientOfVariation(shots.map((s) => s.end - s.start));
      if (shots.length >= 3 && cv >= METRIC_RULES.variedPacingCv) {
        m.good(R.variedPacing, T(lang, 'Shot lengths vary: a rhythm of slow and fast moments.', 'A duração dos planos varia: um ritmo de momentos lentos e rápidos.'), T(lang, `shot-length variation ${cv.toFixed(2)}`, `variação da duração dos planos ${cv.toFixed(2)}`));
      } else if (shots.length >= 3) {
        m.fact(T(lang, `shot-length variation ${cv.toFixed(2)}`, `variação da duração dos planos ${cv.toFixed(2)}`));
      }
    }
  }
  return m.build(lang, { lowSignal: !speech, why: noTranscriptWhy(f.transcript, lang), tip: tip('STORYTELLING', lang) });
}

function emotion(f: MetricFacts, lang: Lang): CreativeMetric {
  const R = METRIC_RULES.emotion;
  const m = new MetricDraft('EMOTIONAL_CONNECTION');
  const speech = hasSpeech(f.transcript);
  let heard = false;
  if (speech) {
    const hits = findKeywords(f.transcript, 'emotion');
    if (hits.length) {
      heard = true;
      m.good(Math.min(R.maxWords, R.perWord * hits.length), T(lang, `Emotional words heard (${words(hits)}).`, `Palavras emocionais ouvidas (${words(hits)}).`), T(lang, `emotion words ${words(hits)}`, `palavras emocionais ${words(hits)}`));
      m.at(hits[0]!.at);
    } else {
      m.fact(T(lang, 'no emotion words in the transcript', 'nenhuma palavra emocional na transcrição'));
    }
  }
  const l = f.analysis?.loudness;
  if (l?.rangeLu !== null && l?.rangeLu !== undefined && l.integratedLufs !== null) {
    if (l.rangeLu >= METRIC_RULES.dynamicRangeLu) m.good(R.dynamicMix, T(lang, `The mix has dynamics (loudness range ${l.rangeLu.toFixed(1)} LU).`, `A mixagem tem dinâmica (faixa de loudness ${l.rangeLu.toFixed(1)} LU).`));
    else if (l.rangeLu < METRIC_RULES.flatRangeLu) m.bad(R.flatMix, T(lang, `The sound is flat (loudness range ${l.rangeLu.toFixed(1)} LU): let music rise and fall with the story.`, `O som é plano (faixa de loudness ${l.rangeLu.toFixed(1)} LU): deixe a música subir e descer com a história.`));
    m.fact(`LRA ${l.rangeLu.toFixed(1)} LU`);
  }
  const why = speech ? T(lang, 'no emotional words heard, and faces and music mood need a model', 'nenhuma palavra emocional ouvida, e rostos e clima da música pedem um modelo') : noTranscriptWhy(f.transcript, lang);
  return m.build(lang, { lowSignal: !heard, why, tip: tip('EMOTIONAL_CONNECTION', lang) });
}

function audio(f: MetricFacts, lang: Lang): CreativeMetric {
  const R = METRIC_RULES.audio;
  const m = new MetricDraft('AUDIO_VOICE_SUBTITLES');
  const a = f.analysis;
  if (!f.media.audio) {
    m.bad(R.noAudio, T(lang, 'No sound track: add music and a voice-over.', 'Sem faixa de áudio: adicione música e locução.'), T(lang, 'no audio stream', 'sem faixa de áudio'));
  } else {
    const l = a?.loudness;
    const social = RULES.loudness.targets.social;
    if (l && l.integratedLufs === null) {
      m.bad(R.silentTrack, T(lang, 'The sound track is silent: add music and a voice-over.', 'A faixa de áudio está muda: adicione música e locução.'), T(lang, 'silent sound track', 'faixa de áudio muda'));
    } else if (l && l.integratedLufs !== null) {
      const I = l.integratedLufs;
      const dev = I - social.integratedLufs;
      const fact = `${I.toFixed(1)} LUFS`;
      if (Math.abs(dev) <= social.toleranceLu) {
        m.good(R.onTarget, T(lang, `Loudness ${fact}, where social feeds play (−14 LUFS).`, `Loudness ${fact}, onde os feeds sociais tocam (−14 LUFS).`), fact);
      } else if (dev < 0) {
        m.bad(
          -dev > METRIC_RULES.farTooQuietLu ? R.farTooQuiet : R.tooQuiet,
          T(lang, `${fact} is ${(-dev).toFixed(1)} LU under −14 LUFS: normalise the mix so it is not quieter than the feed.`, `${fact} está ${(-dev).toFixed(1)} LU abaixo de −14 LUFS: normalize a mixagem para não ficar mais baixa que o feed.`),
          fact,
        );
      } else {
        m.bad(R.tooLoud, T(lang, `${fact} is over −14 LUFS: the platform turns it down; ease the limiter.`, `${fact} está acima de −14 LUFS: a plataforma abaixa o volume; alivie o limitador.`), fact);
      }
      if (l.truePeakDbtp !== null && l.truePeakDbtp > RULES.loudness.maxTruePeakDbtp) {
        m.bad(R.truePeak, T(lang, `Peaks reach ${l.truePeakDbtp.toFixed(1)} dBTP: limit them to −1 dBTP.`, `Picos chegam a ${l.truePeakDbtp.toFixed(1)} dBTP: limite-os a −1 dBTP.`), `true peak ${l.truePeakDbtp.toFixed(1)} dBTP`);
      }
    }
    if (a?.silentOpeningSeconds && a.silentOpeningSeconds > RULES.soundEarly.maxSilentOpeningSeconds) {
      m.bad(R.silentOpening, T(lang, `Sound starts only at ${timestampLabel(a.silentOpeningSeconds)}.`, `O som só começa em ${timestampLabel(a.silentOpeningSeconds)}.`));
      m.at(a.silentOpeningSeconds);
    }
    if (f.transcript.available) {
      const n = wordCount(f.transcript);
      if (n >= 3) m.good(R.voice, T(lang, `Voice-over heard (${n} words recognised).`, `Locução ouvida (${n} palavras reconhecidas).`), T(lang, `${n} words recognised`, `${n} palavras reconhecidas`));
      else m.bad(R.noVoice, T(lang, 'No voice heard: a voice-over carries the message for sound-on viewers.', 'Nenhuma voz ouvida: uma locução leva a mensagem a quem assiste com som.'), T(lang, `${n} words recognised`, `${n} palavras reconhecidas`));
      const wpm = f.transcript.wordsPerMinute;
      if (wpm && wpm > METRIC_RULES.fastSpeechWpm) m.bad(R.fastSpeech, T(lang, `Speech runs at ${Math.round(wpm)} words/min: slow down or cut words.`, `A fala corre a ${Math.round(wpm)} palavras/min: fale mais devagar ou corte palavras.`));
    }
  }
  const captions = f.transcript.captions;
  if (captions?.present) {
    const cov = captions.coverage !== null ? T(lang, `, covering ${Math.round(captions.coverage * 100)} % of the speech`, `, cobrindo ${Math.round(captions.coverage * 100)} % da fala`) : '';
    m.good(R.subtitles, T(lang, `Captions (${captions.source}, ${captions.cueCount} cues${cov}) for sound-off viewing.`, `Legendas (${captions.source}, ${captions.cueCount} falas${cov}) para quem assiste sem som.`), T(lang, `captions: ${captions.cueCount} cues`, `legendas: ${captions.cueCount} falas`));
  } else if (f.media.subtitles.length) {
    const s = f.media.subtitles[0]!;
    m.good(R.subtitles, T(lang, `Subtitle track (${s.codec}${s.language ? `, ${s.language}` : ''}) for sound-off viewing.`, `Faixa de legendas (${s.codec}${s.language ? `, ${s.language}` : ''}) para quem assiste sem som.`), T(lang, `${f.media.subtitles.length} subtitle stream(s)`, `${f.media.subtitles.length} faixa(s) de legenda`));
  } else {
    m.toImprove.push(T(lang, 'No subtitle track in the file: burn in captions (or upload them) for sound-off viewing; burned-in text is not read without a model.', 'Nenhuma faixa de legenda no arquivo: grave legendas na imagem (ou envie-as) para quem assiste sem som; texto na imagem não é lido sem um modelo.'));
    m.fact(T(lang, 'no subtitle stream', 'sem faixa de legenda'));
  }
  return m.build(lang, { lowSignal: m.strong === 0, why: T(lang, 'no loudness or speech was measured', 'loudness e fala não foram medidos'), tip: tip('AUDIO_VOICE_SUBTITLES', lang) });
}

/** Where the given brand was first heard, if it was. */
export function brandHeard(f: Pick<MetricFacts, 'transcript' | 'options'>): Heard | null {
  const brand = f.options.brand ? normalizeText(f.options.brand) : '';
  if (!brand) return null;
  return findPhrases(f.transcript, [brand])[0] ?? null;
}

function product(f: MetricFacts, lang: Lang): CreativeMetric {
  const R = METRIC_RULES.product;
  const m = new MetricDraft('PRODUCT_FOCUS');
  const speech = hasSpeech(f.transcript);
  if (f.options.brand && f.transcript.available) {
    const b = brandHeard(f);
    if (b) {
      m.good(R.brandHeard, T(lang, `Brand "${f.options.brand}" heard at ${timestampLabel(b.at)}.`, `Marca "${f.options.brand}" ouvida em ${timestampLabel(b.at)}.`), T(lang, `brand at ${fmtSeconds(b.at, lang)}`, `marca em ${fmtSeconds(b.at, lang)}`));
      m.at(b.at);
      if (b.at < METRIC_RULES.brandEarlySeconds) m.good(R.brandEarly, T(lang, `The brand comes within the first ${METRIC_RULES.brandEarlySeconds} s.`, `A marca aparece nos primeiros ${METRIC_RULES.brandEarlySeconds} s.`));
    } else {
      m.bad(R.brandMissing, T(lang, `"${f.options.brand}" was not heard: say the brand in the first ${METRIC_RULES.brandEarlySeconds} s.`, `"${f.options.brand}" não foi ouvida: diga a marca nos primeiros ${METRIC_RULES.brandEarlySeconds} s.`), T(lang, 'brand not heard', 'marca não ouvida'));
    }
  }
  if (speech) {
    const hits = findKeywords(f.transcript, 'product');
    if (hits.length) {
      m.good(hits.length >= 2 ? R.productWords : R.productWord, T(lang, `The product is talked about (${words(hits)}).`, `O produto é mencionado (${words(hits)}).`), T(lang, `product words ${words(hits)}`, `palavras de produto ${words(hits)}`));
      m.at(hits[0]!.at);
    } else {
      m.fact(T(lang, 'no product words in the transcript', 'nenhuma palavra de produto na transcrição'));
    }
  }
  const why = speech ? T(lang, 'the product is only looked for in speech; whether it is shown needs a model', 'o produto só é procurado na fala; se ele aparece na imagem pede um modelo') : noTranscriptWhy(f.transcript, lang);
  return m.build(lang, { lowSignal: m.strong === 0, why, tip: tip('PRODUCT_FOCUS', lang) });
}

function value(f: MetricFacts, lang: Lang): CreativeMetric {
  const R = METRIC_RULES.value;
  const m = new MetricDraft('VALUE_PROPOSITION');
  const speech = hasSpeech(f.transcript);
  if (speech) {
    const hits = findKeywords(f.transcript, 'value');
    const figures = findNumbers(f.transcript);
    if (hits.length) {
      m.good(hits.length >= 3 ? R.benefitWords : R.benefitWord, T(lang, `Benefit words heard (${words(hits)}).`, `Palavras de benefício ouvidas (${words(hits)}).`), T(lang, `benefit words ${words(hits)}`, `palavras de benefício ${words(hits)}`));
      m.at(hits[0]!.at);
    }
    if (figures.length) {
      m.good(R.figure, T(lang, 'A concrete figure backs the offer.', 'Um número concreto sustenta a oferta.'), T(lang, `figure at ${fmtSeconds(figures[0]!.at, lang)}`, `número em ${fmtSeconds(figures[0]!.at, lang)}`));
      m.at(figures[0]!.at);
    }
    if (!hits.length && !figures.length) {
      m.bad(R.noBenefit, T(lang, 'No benefit heard: say what the viewer gains (time, money, a result).', 'Nenhum benefício ouvido: diga o que o espectador ganha (tempo, dinheiro, um resultado).'), T(lang, 'no benefit words or figures in the transcript', 'nenhuma palavra de benefício ou número na transcrição'));
    }
  }
  return m.build(lang, { lowSignal: !speech, why: noTranscriptWhy(f.transcript, lang), tip: tip('VALUE_PROPOSITION', lang) });
}

function cta(f: MetricFacts, lang: Lang): CreativeMetric {
  const R = METRIC_RULES.cta;
  const m = new MetricDraft('CALL_TO_ACTION');
  const check = f.checks.find((c) => c.code === 'CTA_SPEECH');
  let weak = false;
  if (check && check.passed !== null) {
    if (check.passed) {
      const hits = findPhrases(f.transcript, CTA_PHRASES);
      const at = check.atSeconds ?? hits[0]?.at ?? null;
      m.good(R.heard, T(lang, `Call to action heard${at !== null ? ` at ${timestampLabel(at)}` : ''} (${words(hits) || check.evidence}).`, `Chamada para ação ouvida${at !== null ? ` em ${timestampLabel(at)}` : ''} (${words(hits) || check.evidence}).`), check.evidence);
      m.at(at);
      const d = f.media.durationSeconds;
      const last = hits.at(-1)?.at ?? at;
      if (d && last !== null && last >= d / 2) m.good(R.nearEnd, T(lang, 'It comes in the second half, where viewers are ready to act.', 'Ela vem na segunda metade, quando o espectador está pronto para agir.'));
      else if (d && last !== null) m.toImprove.push(T(lang, 'Repeat the call to action near the end, where viewers are ready to act.', 'Repita a chamada para ação perto do fim, quando o espectador está pronto para agir.'));
      if (hits.length >= 2) m.good(R.repeated, T(lang, 'The call to action is repeated.', 'A chamada para ação é repetida.'));
    } else {
      // Without any speech the check fails too, but an on-screen CTA may be there: a smaller step, and said to be weak.
      const speech = hasSpeech(f.transcript);
      m.bad(
        speech ? R.missing : R.noSpeech,
        T(lang, 'No call to action heard: end with one clear phrase ("Shop now", "Sign up today") and show it on screen.', 'Nenhuma chamada para ação ouvida: termine com uma frase clara ("Compre agora", "Cadastre-se hoje") e mostre-a na tela.'),
        check.evidence,
      );
      if (!speech) weak = true;
      m.at(f.media.durationSeconds !== null ? Math.max(0, f.media.durationSeconds - 3) : null);
    }
  }
  const why = f.transcript.available
    ? T(lang, 'no speech to hear a call to action in; an on-screen CTA is not read without a model', 'sem fala para ouvir uma chamada para ação; um CTA escrito na tela não é lido sem um modelo')
    : T(lang, `no transcript (${f.transcript.reason}); an on-screen CTA is not read without a model`, `sem transcrição (${f.transcript.reason}); um CTA escrito na tela não é lido sem um modelo`);
  return m.build(lang, { lowSignal: weak || m.strong === 0, why, tip: tip('CALL_TO_ACTION', lang) });
}

function community(f: MetricFacts, lang: Lang): CreativeMetric {
  const R = METRIC_RULES.community;
  const m = new MetricDraft('COMMUNITY');
  const speech = hasSpeech(f.transcript);
  if (speech) {
    const hits = findKeywords(f.transcript, 'community');
    const direct = new Set(['you', 'your', 'voce', 'voces', 'seu', 'sua']);
    const address = hits.filter((h) => direct.has(h.phrase));
    const group = hits.filter((h) => !direct.has(h.phrase));
    if (address.length >= 2) m.good(R.directAddress, T(lang, 'Talks to the viewer directly.', 'Fala diretamente com o espectador.'), T(lang, `${address.length}× "you"`, `${address.length}× "você"`));
    if (group.length) {
      m.good(R.communityWord, T(lang, `Invites people in (${words(group)}).`, `Convida as pessoas (${words(group)}).`), T(lang, `community words ${words(group)}`, `palavras de comunidade ${words(group)}`));
      m.at(group[0]!.at);
    }
    if (!hits.length) m.fact(T(lang, 'no community words in the transcript', 'nenhuma palavra de comunidade na transcrição'));
  }
  const why = speech ? T(lang, 'only speech is read; people, creators and social proof on screen need a model', 'só a fala é lida; pessoas, criadores e prova social na tela pedem um modelo') : noTranscriptWhy(f.transcript, lang);
  return m.build(lang, { lowSignal: m.strong === 0, why, tip: tip('COMMUNITY', lang) });
}

function quality(f: MetricFacts, lang: Lang): CreativeMetric {
  const R = METRIC_RULES.quality;
  const m = new MetricDraft('RESOLUTION_QUALITY', R.base);
  const v = f.media.video;
  if (v) {
    const short = Math.min(v.displayWidth, v.displayHeight);
    const size = `${v.displayWidth}×${v.displayHeight}`;
    if (short >= 1080) m.good(R.fullHd, T(lang, `Full HD or better (${size}).`, `Full HD ou mais (${size}).`), size);
    else if (short >= 720) m.good(R.hd, T(lang, `HD (${size}).`, `HD (${size}).`), size);
    else if (short < 360) m.bad(R.veryLow, T(lang, `Very low resolution (${size}): export at 1080×1920.`, `Resolução muito baixa (${size}): exporte em 1080×1920.`), size);
    else if (short < 540) m.bad(R.belowSpec, T(lang, `Low resolution (${size}): export at 1080×1920.`, `Resolução baixa (${size}): exporte em 1080×1920.`), size);
    else m.fact(size);
    if (v.frameRate !== null && v.frameRate < 23) {
      m.bad(R.lowFps, T(lang, `Low frame rate (${v.frameRate.toFixed(1)} fps): export at 25–30 fps.`, `Taxa de quadros baixa (${v.frameRate.toFixed(1)} qps): exporte em 25–30 qps.`), `${v.frameRate.toFixed(1)} fps`);
    }
    const fps = v.frameRate ?? 30;
    if (f.media.bitRate) {
      const bpp = f.media.bitRate / (v.displayWidth * v.displayHeight * fps);
      const kbps = `${Math.round(f.media.bitRate / 1000)} kb/s`;
      if (bpp < METRIC_RULES.lowBitsPerPixel) m.bad(R.lowBitrate, T(lang, `Low bit rate (${kbps} for ${size}): it will look blocky after the platform re-encodes it.`, `Taxa de bits baixa (${kbps} para ${size}): vai ficar quadriculado depois da recodificação da plataforma.`), kbps);
      else m.fact(kbps);
    }
  }
  const a = f.analysis;
  const d = a?.durationSeconds ?? f.media.durationSeconds;
  if (a?.frozenSegments && d) {
    const frozen = total(a.frozenSegments);
    if (frozen / d >= METRIC_RULES.mostlyFrozenShare) {
      m.bad(R.mostlyFrozen, T(lang, `The picture stands still for ${fmtSeconds(frozen, lang)} of ${fmtSeconds(d, lang)}: replace stills with motion.`, `A imagem fica parada por ${fmtSeconds(frozen, lang)} de ${fmtSeconds(d, lang)}: troque imagens paradas por movimento.`), T(lang, `frozen ${fmtSeconds(frozen, lang)}`, `parada ${fmtSeconds(frozen, lang)}`));
      m.at(a.frozenSegments[0]!.start);
    } else if (frozen > 0) {
      m.bad(R.someFrozen, T(lang, `The picture freezes at ${timestampLabel(a.frozenSegments[0]!.start)} (${fmtSeconds(frozen, lang)} in all).`, `A imagem congela em ${timestampLabel(a.frozenSegments[0]!.start)} (${fmtSeconds(frozen, lang)} no total).`), T(lang, `frozen ${fmtSeconds(frozen, lang)}`, `parada ${fmtSeconds(frozen, lang)}`));
      m.at(a.frozenSegments[0]!.start);
    } else {
      m.fact(T(lang, 'no frozen stretch', 'nenhum trecho congelado'));
    }
  }
  if (a?.blackSegments && d) {
    // Black at the very start is the hook's problem, a fade-out at the end is normal.
    const midway = a.blackSegments.filter((s) => s.start >= 0.5 && s.end < d - 0.5);
    if (midway.length) {
      m.bad(R.blackMidway, T(lang, `Black frames at ${timestampLabel(midway[0]!.start)}: cut them.`, `Quadros pretos em ${timestampLabel(midway[0]!.start)}: corte-os.`), T(lang, `black ${span(midway[0]!, lang)}`, `preto ${span(midway[0]!, lang)}`));
      m.at(midway[0]!.start);
    }
  }
  return m.build(lang, { lowSignal: !v, why: T(lang, 'no video stream facts', 'sem dados da faixa de vídeo'), tip: tip('RESOLUTION_QUALITY', lang) });
}

const BUILDERS: Record<CreativeMetricCode, (f: MetricFacts, lang: Lang) => CreativeMetric> = {
  HOOK: hook,
  STORYTELLING: storytelling,
  EMOTIONAL_CONNECTION: emotion,
  AUDIO_VOICE_SUBTITLES: audio,
  PRODUCT_FOCUS: product,
  VALUE_PROPOSITION: value,
  CALL_TO_ACTION: cta,
  COMMUNITY: community,
  RESOLUTION_QUALITY: quality,
};

/** The nine metrics, in METRIC_CODES order, from the rules. */
export function ruleMetrics(f: MetricFacts, lang: Lang): CreativeMetric[] {
  return METRIC_CODES.map((code) => BUILDERS[code](f, lang));
}

function span(s: TimeSegment, lang: Lang): string {
  const n = (x: number) => (lang === 'pt' ? x.toFixed(1).replace('.', ',') : x.toFixed(1));
  return `${n(s.start)}–${n(s.end)} s`;
}

function total(segments: TimeSegment[]): number {
  return segments.reduce((n, s) => n + Math.max(0, s.end - s.start), 0);
}

export function coefficientOfVariation(xs: number[]): number {
  if (xs.length < 2) return 0;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  if (mean <= 0) return 0;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
  return Math.sqrt(variance) / mean;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
