// A small text-based language guess for the two output languages (en, pt), from how often each
// language's function words occur. Function words make up a large share of any running text in
// both languages, so a dozen words of a transcript or a few caption cues are enough; words the two
// share in spelling ("a", "as", "no", "do", "me", "so") are left out of both lists. Pure.

export type DetectedLanguage = 'en' | 'pt';

export interface LanguageGuess {
  /** null when the text holds too little evidence or the two languages score too close. */
  language: DetectedLanguage | null;
  /** Winner's share of the function words found, 0.5–1; 0 without any. */
  confidence: number;
  /** Function words found per language. */
  hits: Record<DetectedLanguage, number>;
}

export interface DetectOptions {
  /** Fewest function words needed for a verdict. (Default: 3) */
  minHits?: number;
  /** Smallest winner's share for a verdict. (Default: 0.7) */
  minConfidence?: number;
}

const EN = new Set(
  `the and of to in is you that it for with on this be are was your have at or we not but they from by an will can get just our
  all more now what how if my he she his her there their about up out it's don't i'm you're we're been has were would like
  with who which when than then them these those its into over only also very here off free today why where because new`.split(/\s+/),
);

// With and without accents: user-typed captions and some providers drop them.
const PT = new Set(
  `de que e o os um uma para com não nao na nos das dos da em por mais se é você voce seu sua mas ao ele ela isso esse essa este
  esta está são sao foi muito também tambem já ja agora pelo pela como tem ou nosso nossa quando aqui seus suas eu sem até ate só
  meu minha vai vem pra pro às aos nas num numa ainda então entao porque sempre hoje grátis gratis desconto compre`.split(/\s+/),
);

// ã õ ç and the circumflex vowels are rare in English text and common in Portuguese.
const PT_LETTERS = /[ãõçâêô]/;

export function detectLanguage(text: string, opts: DetectOptions = {}): LanguageGuess {
  const minHits = opts.minHits ?? 3;
  const minConfidence = opts.minConfidence ?? 0.7;
  const hits: Record<DetectedLanguage, number> = { en: 0, pt: 0 };
  let ptLetters = 0;
  // Web addresses first: "example.com" must not count as the Portuguese "com".
  const words = text.toLowerCase().replace(/(?:https?:\/\/)?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+(?:\/\S*)?/gu, ' ');
  for (const raw of words.split(/[^\p{L}\p{N}']+/u)) {
    const w = raw.replace(/^'+|'+$/g, '');
    if (!w) continue;
    if (EN.has(w)) hits.en++;
    if (PT.has(w)) hits.pt++;
    else if (PT_LETTERS.test(w)) ptLetters++;
  }
  // Other words with Portuguese letters count half: names and loanwords carry them too.
  const score = { en: hits.en, pt: hits.pt + ptLetters / 2 };
  const total = score.en + score.pt;
  if (total === 0) return { language: null, confidence: 0, hits };
  const winner: DetectedLanguage = score.pt > score.en ? 'pt' : 'en';
  const confidence = Math.round((score[winner] / total) * 1000) / 1000;
  const language = hits.en + hits.pt >= minHits && confidence >= minConfidence ? winner : null;
  return { language, confidence, hits };
}

// ISO 639-2 (as muxed in subtitle streams: "eng", "por") to ISO 639-1, for the languages ads
// commonly carry; anything else passes through when it already is a 2-letter code.
const ISO_639_2: Record<string, string> = {
  eng: 'en',
  por: 'pt',
  spa: 'es',
  fra: 'fr',
  fre: 'fr',
  deu: 'de',
  ger: 'de',
  ita: 'it',
  nld: 'nl',
  dut: 'nl',
  jpn: 'ja',
  zho: 'zh',
  chi: 'zh',
  kor: 'ko',
  rus: 'ru',
  ara: 'ar',
  hin: 'hi',
  tur: 'tr',
  pol: 'pl',
  swe: 'sv',
};

/** "pt-BR" → "pt", "eng" → "en"; null for empty, "und" and unknown 3-letter codes. */
export function normalizeLanguage(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (/^[a-z]{2}$/.test(base)) return base;
  return ISO_639_2[base] ?? null;
}
