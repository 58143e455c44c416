// AUDIO_VOICE_SUBTITLES: loudness against the social target, true peak, voice, speech rate, subtitles.
import { timestampLabel, type Lang } from '../i18n.js';
import { wordCount } from '../keywords.js';
import type { CreativeMetric } from '../ports.js';
import { RULES } from '../rules.js';
import { type MetricFacts, METRIC_RULES, MetricDraft, tip, words } from './draft.js';
import { SIGNAL_COPY } from '../copy/metric-signals.js';

export function audio(f: MetricFacts, lang: Lang): CreativeMetric {
  const say = SIGNAL_COPY[lang].audio;
  const R = METRIC_RULES.audio;
  const m = new MetricDraft('AUDIO_VOICE_SUBTITLES');
  const a = f.analysis;
  if (!f.media.audio) {
    m.bad(R.noAudio, say.noSoundTrackAddMusic, say.noAudioStream);
  } else {
    const l = a?.loudness;
    const social = RULES.loudness.targets.social;
    if (l && l.integratedLufs === null) {
      m.bad(R.silentTrack, say.soundTrackIsSilentAdd, say.silentSoundTrack);
    } else if (l && l.integratedLufs !== null) {
      const I = l.integratedLufs;
      const dev = I - social.integratedLufs;
      const fact = `${I.toFixed(1)} LUFS`;
      if (Math.abs(dev) <= social.toleranceLu) {
        m.good(R.onTarget, say.loudnessWhereSocialFeedsPlay(fact), fact);
      } else if (dev < 0) {
        m.bad(-dev > METRIC_RULES.farTooQuietLu ? R.farTooQuiet : R.tooQuiet, say.isLuUnderLufsNormalise(fact, (-dev).toFixed(1)), fact);
      } else {
        m.bad(R.tooLoud, say.isOverLufsPlatformTurns(fact), fact);
      }
      if (l.truePeakDbtp !== null && l.truePeakDbtp > RULES.loudness.maxTruePeakDbtp) {
        m.bad(R.truePeak, say.peaksReachDbtpLimitThem(l.truePeakDbtp.toFixed(1)), `true peak ${l.truePeakDbtp.toFixed(1)} dBTP`);
      }
    }
    if (a?.silentOpeningSeconds && a.silentOpeningSeconds > RULES.soundEarly.maxSilentOpeningSeconds) {
      m.bad(R.silentOpening, say.soundStartsOnlyAt(timestampLabel(a.silentOpeningSeconds)));
      m.at(a.silentOpeningSeconds);
    }
    if (f.transcript.available) {
      const n = wordCount(f.transcript);
      if (n >= 3) m.good(R.voice, say.voiceOverHeardWordsRecognised(n), say.wordsRecognised(n));
      else m.bad(R.noVoice, say.noVoiceHeardVoiceOver, say.wordsRecognised(n));
      const wpm = f.transcript.wordsPerMinute;
      if (wpm && wpm > METRIC_RULES.fastSpeechWpm) m.bad(R.fastSpeech, say.speechRunsAtWordsMin(Math.round(wpm)));
    }
  }
  const captions = f.transcript.captions;
  if (captions?.present) {
    const cov = captions.coverage !== null ? say.coveringOfSpeech(Math.round(captions.coverage * 100)) : '';
    m.good(R.subtitles, say.captionsCuesForSoundOff(captions.source, captions.cueCount, cov), say.captionsCues(captions.cueCount));
  } else if (f.media.subtitles.length) {
    const s = f.media.subtitles[0]!;
    m.good(
      R.subtitles,
      say.subtitleTrackForSoundOff(s.codec, s.language ? `, ${s.language}` : ''),
      say.subtitleStream(f.media.subtitles.length),
    );
  } else {
    m.toImprove.push(say.noSubtitleTrackInFile);
    m.fact(say.noSubtitleStream);
  }
  return m.build(lang, {
    lowSignal: m.strong === 0,
    why: say.noLoudnessOrSpeechWas,
    tip: tip('AUDIO_VOICE_SUBTITLES', lang),
  });
}
