// Output language of a result (English or Portuguese) and the labels shared by the rule-based
// metrics, audiences and recommendations.
import type { AnalysisOptions } from '../domain/model.js';
import type { CreativeMetricCode } from '../domain/metrics.js';
import type { Transcript } from '../domain/transcript.js';

export type Lang = 'en' | 'pt';

const asLang = (tag: string | null | undefined): Lang | null => {
  const l = (tag ?? '').trim().toLowerCase();
  if (!l) return null;
  return l === 'pt' || l.startsWith('pt-') || l.startsWith('pt_') || l === 'por' || l === 'portuguese' ? 'pt' : 'en';
};

/** options.language, else the transcript's language, else English. Any language but Portuguese reads English. */
export function resultLanguage(options: Pick<AnalysisOptions, 'language'> | undefined, transcript?: Transcript): Lang {
  return asLang(options?.language) ?? (transcript?.available ? asLang(transcript.language) : null) ?? 'en';
}

export const METRIC_TITLES: Record<Lang, Record<CreativeMetricCode, string>> = {
  en: {
    HOOK: '3-second hook',
    STORYTELLING: 'Storytelling with contrast',
    EMOTIONAL_CONNECTION: 'Emotional connection',
    AUDIO_VOICE_SUBTITLES: 'Music, voice-over and subtitles',
    PRODUCT_FOCUS: 'Product or service focus',
    VALUE_PROPOSITION: 'Value proposition',
    CALL_TO_ACTION: 'Call to action',
    COMMUNITY: 'Community',
    RESOLUTION_QUALITY: 'Video resolution and quality',
  },
  pt: {
    HOOK: 'Gancho dos 3 primeiros segundos',
    STORYTELLING: 'Narrativa com contraste',
    EMOTIONAL_CONNECTION: 'Conexão emocional',
    AUDIO_VOICE_SUBTITLES: 'Música, locução e legendas',
    PRODUCT_FOCUS: 'Foco no produto ou serviço',
    VALUE_PROPOSITION: 'Proposta de valor',
    CALL_TO_ACTION: 'Chamada para ação',
    COMMUNITY: 'Comunidade',
    RESOLUTION_QUALITY: 'Resolução e qualidade do vídeo',
  },
};

export const AUDIENCE_LABELS: Record<Lang, Record<'GEN_Z' | 'MILLENNIALS' | 'GEN_X' | 'BOOMERS', string>> = {
  en: { GEN_Z: 'Gen Z', MILLENNIALS: 'Millennials', GEN_X: 'Gen X', BOOMERS: 'Boomers' },
  pt: { GEN_Z: 'Geração Z', MILLENNIALS: 'Millennials', GEN_X: 'Geração X', BOOMERS: 'Boomers' },
};

/** "0:03", "1:05", "1:02:03": the moment a finding or action refers to. */
export function timestampLabel(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return null;
  const t = Math.floor(seconds);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = String(t % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "At 0:03, " / "Em 0:03, " before a sentence; '' without a moment. */
export function atPrefix(seconds: number | null | undefined, lang: Lang): string {
  const label = timestampLabel(seconds);
  if (!label) return '';
  return lang === 'pt' ? `Em ${label}, ` : `At ${label}, `;
}

/** `prefix` + `text`, the first word lower-cased when it is an ordinary capitalised word (not "TikTok", "CTA"). */
export function afterPrefix(prefix: string, text: string): string {
  if (!prefix) return text;
  const first = /^\p{L}+/u.exec(text)?.[0] ?? '';
  const ordinary = first.length > 1 && first.slice(1) === first.slice(1).toLowerCase();
  return prefix + (ordinary ? text.charAt(0).toLowerCase() + text.slice(1) : text);
}

export const fmtSeconds = (n: number, lang: Lang, digits = 1) =>
  `${lang === 'pt' ? n.toFixed(digits).replace('.', ',') : n.toFixed(digits)} s`;
