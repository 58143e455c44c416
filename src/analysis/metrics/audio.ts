// AUDIO_VOICE_SUBTITLES: loudness against the social target, true peak, voice, speech rate, subtitles.
import { timestampLabel, type Lang } from '../i18n.js';
import { wordCount } from '../keywords.js';
import type { CreativeMetric } from '../ports.js';
import { RULES } from '../rules.js';
import { type MetricFacts, METRIC_RULES, T, MetricDraft, tip, words } from './draft.js';

export function audio(f: MetricFacts, lang: Lang): CreativeMetric {
  const R = METRIC_RULES.audio;
  const m = new MetricDraft('AUDIO_VOICE_SUBTITLES');
  const a = f.analysis;
  if (!f.media.audio) {
    m.bad(
      R.noAudio,
      T(lang, 'No sound track: add music and a voice-over.', 'Sem faixa de áudio: adicione música e locução.'),
      T(lang, 'no audio stream', 'sem faixa de áudio'),
    );
  } else {
    const l = a?.loudness;
    const social = RULES.loudness.targets.social;
    if (l && l.integratedLufs === null) {
      m.bad(
        R.silentTrack,
        T(
          lang,
          'The sound track is silent: add music and a voice-over.',
          'A faixa de áudio está muda: adicione música e locução.',
        ),
        T(lang, 'silent sound track', 'faixa de áudio muda'),
      );
    } else if (l && l.integratedLufs !== null) {
      const I = l.integratedLufs;
      const dev = I - social.integratedLufs;
      const fact = `${I.toFixed(1)} LUFS`;
      if (Math.abs(dev) <= social.toleranceLu) {
        m.good(
          R.onTarget,
          T(
            lang,
            `Loudness ${fact}, where social feeds play (−14 LUFS).`,
            `Loudness ${fact}, onde os feeds sociais tocam (−14 LUFS).`,
          ),
          fact,
        );
      } else if (dev < 0) {
        m.bad(
          -dev > METRIC_RULES.farTooQuietLu ? R.farTooQuiet : R.tooQuiet,
          T(
            lang,
            `${fact} is ${(-dev).toFixed(1)} LU under −14 LUFS: normalise the mix so it is not quieter than the feed.`,
            `${fact} está ${(-dev).toFixed(1)} LU abaixo de −14 LUFS: normalize a mixagem para não ficar mais baixa que o feed.`,
          ),
          fact,
        );
      } else {
        m.bad(
          R.tooLoud,
          T(
            lang,
            `${fact} is over −14 LUFS: the platform turns it down; ease the limiter.`,
            `${fact} está acima de −14 LUFS: a plataforma abaixa o volume; alivie o limitador.`,
          ),
          fact,
        );
      }
      if (l.truePeakDbtp !== null && l.truePeakDbtp > RULES.loudness.maxTruePeakDbtp) {
        m.bad(
          R.truePeak,
          T(
            lang,
            `Peaks reach ${l.truePeakDbtp.toFixed(1)} dBTP: limit them to −1 dBTP.`,
            `Picos chegam a ${l.truePeakDbtp.toFixed(1)} dBTP: limite-os a −1 dBTP.`,
          ),
          `true peak ${l.truePeakDbtp.toFixed(1)} dBTP`,
        );
      }
    }
    if (a?.silentOpeningSeconds && a.silentOpeningSeconds > RULES.soundEarly.maxSilentOpeningSeconds) {
      m.bad(
        R.silentOpening,
        T(
          lang,
          `Sound starts only at ${timestampLabel(a.silentOpeningSeconds)}.`,
          `O som só começa em ${timestampLabel(a.silentOpeningSeconds)}.`,
        ),
      );
      m.at(a.silentOpeningSeconds);
    }
    if (f.transcript.available) {
      const n = wordCount(f.transcript);
      if (n >= 3)
        m.good(
          R.voice,
          T(lang, `Voice-over heard (${n} words recognised).`, `Locução ouvida (${n} palavras reconhecidas).`),
          T(lang, `${n} words recognised`, `${n} palavras reconhecidas`),
        );
      else
        m.bad(
          R.noVoice,
          T(
            lang,
            'No voice heard: a voice-over carries the message for sound-on viewers.',
            'Nenhuma voz ouvida: uma locução leva a mensagem a quem assiste com som.',
          ),
          T(lang, `${n} words recognised`, `${n} palavras reconhecidas`),
        );
      const wpm = f.transcript.wordsPerMinute;
      if (wpm && wpm > METRIC_RULES.fastSpeechWpm)
        m.bad(
          R.fastSpeech,
          T(
            lang,
            `Speech runs at ${Math.round(wpm)} words/min: slow down or cut words.`,
            `A fala corre a ${Math.round(wpm)} palavras/min: fale mais devagar ou corte palavras.`,
          ),
        );
    }
  }
  const captions = f.transcript.captions;
  if (captions?.present) {
    const cov =
      captions.coverage !== null
        ? T(
            lang,
            `, covering ${Math.round(captions.coverage * 100)} % of the speech`,
            `, cobrindo ${Math.round(captions.coverage * 100)} % da fala`,
          )
        : '';
    m.good(
      R.subtitles,
      T(
        lang,
        `Captions (${captions.source}, ${captions.cueCount} cues${cov}) for sound-off viewing.`,
        `Legendas (${captions.source}, ${captions.cueCount} falas${cov}) para quem assiste sem som.`,
      ),
      T(lang, `captions: ${captions.cueCount} cues`, `legendas: ${captions.cueCount} falas`),
    );
  } else if (f.media.subtitles.length) {
    const s = f.media.subtitles[0]!;
    m.good(
      R.subtitles,
      T(
        lang,
        `Subtitle track (${s.codec}${s.language ? `, ${s.language}` : ''}) for sound-off viewing.`,
        `Faixa de legendas (${s.codec}${s.language ? `, ${s.language}` : ''}) para quem assiste sem som.`,
      ),
      T(lang, `${f.media.subtitles.length} subtitle stream(s)`, `${f.media.subtitles.length} faixa(s) de legenda`),
    );
  } else {
    m.toImprove.push(
      T(
        lang,
        'No subtitle track in the file: burn in captions (or upload them) for sound-off viewing; ' +
          'burned-in text is not read without a model.',
        'Nenhuma faixa de legenda no arquivo: grave legendas na imagem (ou envie-as) para quem assiste sem som; ' +
          'texto na imagem não é lido sem um modelo.',
      ),
    );
    m.fact(T(lang, 'no subtitle stream', 'sem faixa de legenda'));
  }
  return m.build(lang, {
    lowSignal: m.strong === 0,
    why: T(lang, 'no loudness or speech was measured', 'loudness e fala não foram medidos'),
    tip: tip('AUDIO_VOICE_SUBTITLES', lang),
  });
}
