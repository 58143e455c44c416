// What the rules listen for in a transcript: call-to-action phrases (Google ABCD's list plus
// Portuguese equivalents) and the words that hint at story, emotion, product, value and community.
// Matching is on whole words, case- and accent-insensitive ("compre ja" finds "Compre já!"), and
// returns when the phrase was heard. Lists are plain data: extend them here.
import type { Transcript } from '../domain/transcript.js';

/** Common CTA phrases (Google ABCD's list, with Portuguese equivalents). */
export const CTA_PHRASES = [
  'learn more',
  'get quote',
  'apply now',
  'sign up',
  'contact us',
  'subscribe',
  'download',
  'book now',
  'shop now',
  'buy now',
  'donate now',
  'order now',
  'play now',
  'see more',
  'start now',
  'visit site',
  'watch now',
  'get started',
  'try it free',
  'call now',
  'link in bio',
  'tap the link',
  'click the link',
  'saiba mais',
  'compre já',
  'compre agora',
  'cadastre-se',
  'inscreva-se',
  'baixe',
  'assine',
  'peça já',
  'peça agora',
  'reserve agora',
  'garanta já',
  'garanta o seu',
  'fale conosco',
  'ligue agora',
  'link na bio',
  'clique no link',
  'acesse',
];

/** Words that hint at each transcript-read signal, per language (both lists are always searched). */
export const KEYWORDS = {
  /** Contrast and arc: problem → solution, before → after (storytelling). */
  story: {
    en: [
      'but',
      'instead',
      'before',
      'after',
      'finally',
      'imagine',
      'tired of',
      'struggle',
      'problem',
      'used to',
      'what if',
      'turns out',
      'no more',
      'until',
    ],
    pt: [
      'mas',
      'porém',
      'em vez de',
      'antes',
      'depois',
      'finalmente',
      'imagine',
      'cansado de',
      'cansada de',
      'problema',
      'costumava',
      'e se',
      'chega de',
      'até que',
    ],
  },
  emotion: {
    en: [
      'love',
      'amazing',
      'happy',
      'feel',
      'wow',
      'incredible',
      'beautiful',
      'fun',
      'dream',
      'excited',
      'smile',
      'joy',
      'perfect',
      'favorite',
      'awesome',
      'proud',
    ],
    pt: [
      'amor',
      'amo',
      'incrível',
      'feliz',
      'sentir',
      'sinta',
      'uau',
      'lindo',
      'linda',
      'divertido',
      'sonho',
      'animado',
      'sorriso',
      'alegria',
      'perfeito',
      'favorito',
      'orgulho',
    ],
  },
  product: {
    en: ['product', 'new', 'meet', 'introducing', 'try', 'app', 'made with', 'designed', 'features', 'available', 'our'],
    pt: ['produto', 'novo', 'nova', 'conheça', 'apresentamos', 'experimente', 'aplicativo', 'feito com', 'disponível', 'nosso', 'nossa'],
  },
  value: {
    en: [
      'save',
      'free',
      'off',
      'percent',
      'discount',
      'deal',
      'offer',
      'price',
      'only',
      'faster',
      'easier',
      'better',
      'best',
      'guarantee',
      'results',
      'cheaper',
      'bonus',
      'limited',
    ],
    pt: [
      'economize',
      'grátis',
      'desconto',
      'por cento',
      'oferta',
      'preço',
      'só',
      'apenas',
      'mais rápido',
      'mais fácil',
      'melhor',
      'garantia',
      'resultados',
      'bônus',
      'limitado',
      'promoção',
    ],
  },
  community: {
    en: [
      'you',
      'your',
      'we',
      'us',
      'join',
      'community',
      'together',
      'follow',
      'comment',
      'share',
      'tag',
      'friends',
      'people',
      'customers',
      'reviews',
      'everyone',
      'thousands',
      'million',
    ],
    pt: [
      'você',
      'vocês',
      'seu',
      'sua',
      'nós',
      'junte-se',
      'comunidade',
      'juntos',
      'siga',
      'comente',
      'compartilhe',
      'marque',
      'amigos',
      'pessoas',
      'clientes',
      'avaliações',
      'todo mundo',
      'milhares',
      'milhões',
    ],
  },
  /** A question or a direct challenge: a spoken hook. */
  question: {
    en: ['what if', 'why', 'how', 'did you know', 'have you ever', 'ever', 'do you', 'are you', 'stop'],
    pt: ['e se', 'por que', 'como', 'você sabia', 'você já', 'sabia que', 'pare'],
  },
} as const;
export type KeywordList = keyof typeof KEYWORDS;

/** Lower case, no accents, letters and digits only, single spaces. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface Heard {
  phrase: string;
  /** Seconds: the word's start when word timings exist, else its segment's start. */
  at: number;
}

/** Every occurrence of the phrases, in time order (one per phrase per segment). */
export function findPhrases(transcript: Transcript, phrases: readonly string[]): Heard[] {
  if (!transcript.available) return [];
  const wanted = [...new Set(phrases.map(normalizeText).filter(Boolean))];
  const out: Heard[] = [];
  for (const seg of transcript.segments) {
    const words = seg.words?.length ? seg.words.map((w) => ({ t: normalizeText(w.word), at: w.start })).filter((w) => w.t) : null;
    const text = ` ${normalizeText(seg.text)} `;
    for (const phrase of wanted) {
      const idx = text.indexOf(` ${phrase} `);
      if (idx === -1) continue;
      let at = seg.start;
      if (words) {
        // Index of the first matched word: words before it in the normalised segment text.
        const before = text.slice(0, idx).trim();
        const n = before ? before.split(' ').length : 0;
        // A word may normalise to several tokens ("twenty-five"); walk tokens to find it.
        let tokens = 0;
        for (const w of words) {
          if (tokens >= n) {
            at = w.at;
            break;
          }
          tokens += w.t.split(' ').length;
        }
      }
      out.push({ phrase, at });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Hits of one keyword list (both languages). */
export function findKeywords(transcript: Transcript, list: KeywordList): Heard[] {
  return findPhrases(transcript, [...KEYWORDS[list].en, ...KEYWORDS[list].pt]);
}

/** Number words and digits: a concrete offer ("twenty percent", "50%", "vinte por cento"). */
const NUMBER_WORDS = [
  'two',
  'three',
  'five',
  'ten',
  'fifteen',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'hundred',
  'half',
  'dois',
  'duas',
  'três',
  'cinco',
  'dez',
  'quinze',
  'vinte',
  'trinta',
  'quarenta',
  'cinquenta',
  'cem',
  'metade',
];
export function findNumbers(transcript: Transcript): Heard[] {
  if (!transcript.available) return [];
  const digits = transcript.segments.filter((s) => /\d/.test(s.text)).map((s) => ({ phrase: '#', at: s.start }));
  return [...digits, ...findPhrases(transcript, NUMBER_WORDS)].sort((a, b) => a.at - b.at);
}

/** Words in the transcript (what the recogniser returned), for "how much was said". */
export function wordCount(transcript: Transcript): number {
  if (!transcript.available) return 0;
  const t = normalizeText(transcript.text);
  return t ? t.split(' ').length : 0;
}
