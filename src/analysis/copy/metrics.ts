// The English and Portuguese text the rule-based metrics share: each metric's fallback tip and the
// evidence line (../metrics/draft.ts). The per-signal sentences are in ./metric-signals.ts.
import type { Lang } from '../i18n.js';
import type { CreativeMetricCode } from '../../domain/metrics.js';
import { NEUTRAL_SCORE } from '../scoring-config.js';

/** What to do about a metric when no measured signal says it (shown when it scores low or on little signal). */
export const METRIC_TIPS: Record<CreativeMetricCode, [en: string, pt: string]> = {
  HOOK: [
    'Open with motion, a face or the product and a spoken line inside the first 3 s.',
    'Abra com movimento, um rosto ou o produto e uma fala nos 3 primeiros segundos.',
  ],
  STORYTELLING: [
    'Build the script on a contrast: the problem first, then the product solving it (before → after).',
    'Construa o roteiro sobre um contraste: primeiro o problema, depois o produto resolvendo (antes → depois).',
  ],
  EMOTIONAL_CONNECTION: [
    'Give the viewer a feeling to react to (humour, surprise, relief, aspiration), shown on a face.',
    'Dê ao espectador uma emoção para reagir (humor, surpresa, alívio, aspiração), mostrada em um rosto.',
  ],
  AUDIO_VOICE_SUBTITLES: [
    'Mix music and a clear voice-over to about −14 LUFS, and add captions for sound-off viewing.',
    'Mixe música e uma locução clara em cerca de −14 LUFS e adicione legendas para quem assiste sem som.',
  ],
  PRODUCT_FOCUS: [
    'Show and name the product within the first 5 s, and keep it on screen.',
    'Mostre e diga o nome do produto nos primeiros 5 s e mantenha-o na tela.',
  ],
  VALUE_PROPOSITION: [
    'State the benefit in one concrete line: what the viewer gains, with a number if you have one.',
    'Diga o benefício em uma frase concreta: o que o espectador ganha, com um número se tiver.',
  ],
  CALL_TO_ACTION: [
    'Close with one call to action, said and shown (e.g. "Shop now", "Sign up today").',
    'Feche com uma chamada para ação, falada e escrita (ex.: "Compre agora", "Cadastre-se hoje").',
  ],
  COMMUNITY: [
    'Show real people or customers, and invite the viewer to comment, share or join.',
    'Mostre pessoas reais ou clientes e convide o espectador a comentar, compartilhar ou participar.',
  ],
  RESOLUTION_QUALITY: [
    'Export at 1080×1920 (or the placement’s size) with enough bit rate, and cut still or black stretches.',
    'Exporte em 1080×1920 (ou no tamanho do posicionamento) com taxa de bits suficiente e corte trechos parados ou pretos.',
  ],
};

export interface MetricEvidenceCopy {
  /** `why` the signal is thin; `facts` what was measured ('' when nothing). */
  lowSignal(why: string, facts: string): string;
  measured(facts: string): string;
  noWords: string;
  noTranscript(reason: string): string;
}

export const METRIC_EVIDENCE: Record<Lang, MetricEvidenceCopy> = {
  en: {
    lowSignal: (why, facts) =>
      `Rule-based estimate with little signal, kept near the neutral ${NEUTRAL_SCORE}: ${why}.` +
      `${facts ? ` Measured: ${facts}.` : ''} The picture itself is not judged without a model.`,
    measured: (facts) => `Rule-based, from measured facts: ${facts || 'none'}.`,
    noWords: 'no words were recognised in the sound track',
    noTranscript: (reason) => `no transcript (${reason}), and this metric is read from speech`,
  },
  pt: {
    lowSignal: (why, facts) =>
      `Estimativa por regras com pouco sinal, mantida perto do neutro ${NEUTRAL_SCORE}: ${why}.` +
      `${facts ? ` Medido: ${facts}.` : ''} A imagem em si não é avaliada sem um modelo.`,
    measured: (facts) => `Por regras, a partir de fatos medidos: ${facts || 'nenhum'}.`,
    noWords: 'nenhuma palavra foi reconhecida no áudio',
    noTranscript: (reason) => `sem transcrição (${reason}), e esta métrica é lida da fala`,
  },
};
