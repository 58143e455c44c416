// The en/pt wording of the AI prompts (./prompts.ts builds the prompts from it). Changing a word
// here changes the prompt: bump PROMPT_VERSION in ./prompts.ts.
import type { SafeZone } from '../../analysis/platforms.js';
import type { METRIC_CODES } from '../../domain/metrics.js';

export type PromptLanguage = 'en' | 'pt';

export interface Template {
  outputLanguage: string;
  analysisRole: string;
  recommendRole: string;
  h: {
    version: string;
    facts: string;
    checks: string;
    knownIssues: string;
    transcript: string;
    platforms: string;
    audiences: string;
    objective: string;
    brand: string;
    task: string;
    score: string;
    metrics: string;
    audienceScores: string;
    issues: string;
  };
  factsNote: string;
  ruleBased: string;
  none: string;
  noTranscript: (reason: string) => string;
  transcriptBy: (engine: string, lang: string | null) => string;
  truncated: string;
  f: {
    container: string;
    duration: string;
    size: string;
    bitrate: string;
    video: string;
    fps: string;
    vfr: string;
    audio: string;
    noAudio: string;
    noVideo: string;
    subtitles: string;
    unknown: string;
  };
  check: { pass: string; fail: string; undecided: string; measured: string };
  hookLimit: (n: number | null) => string;
  ctaLimit: (n: number | null) => string;
  safeZone: (z: SafeZone | null) => string;
  metricMeaning: Record<(typeof METRIC_CODES)[number], string>;
  analysisTask: (issueCodes: string) => string[];
  recommendTask: string[];
  transcribe: (durationSeconds: number, language: string | null) => string;
}

const EN: Template = {
  outputLanguage: 'Write every free-text field in English.',
  analysisRole: 'You are an expert reviewer of short-form video ads. Watch the attached video and judge it as an ad.',
  recommendRole:
    'You are a performance-marketing creative strategist. You turn a measured analysis of a video ad into specific, actionable changes. Never invent facts that are not in the analysis.',
  h: {
    version: 'Prompt version',
    facts: 'Measured facts (ffprobe; trust these over what you perceive)',
    checks: 'Measured checks',
    knownIssues: 'Issues already found by measurement (do not report them again)',
    transcript: 'Transcript',
    platforms: 'Target platforms',
    audiences: 'Target audiences',
    objective: 'Campaign objective',
    brand: 'Brand (as spoken)',
    task: 'Task',
    score: 'Score before penalties',
    metrics: 'Creative metrics (0–100)',
    audienceScores: 'Audience scores (0–100)',
    issues: 'Detected issues',
  },
  factsNote: 'Times are seconds from the start of the video.',
  ruleBased: 'rule-based, no model',
  none: 'none',
  noTranscript: (r) => `No transcript (${r}).`,
  transcriptBy: (e, l) => `recognised by ${e}${l ? `, language ${l}` : ''}`,
  truncated: '… (transcript truncated)',
  f: {
    container: 'container',
    duration: 'duration',
    size: 'file size',
    bitrate: 'bit rate',
    video: 'video',
    fps: 'fps',
    vfr: 'variable frame rate',
    audio: 'audio',
    noAudio: 'no audio stream',
    noVideo: 'no video stream',
    subtitles: 'subtitle streams',
    unknown: 'unknown',
  },
  check: { pass: 'PASS', fail: 'FAIL', undecided: 'N/A', measured: 'measured' },
  hookLimit: (n) => (n === null ? 'hook text: no limit' : `hook text ≤ ${n} characters`),
  ctaLimit: (n) => (n === null ? 'CTA text: no limit' : `CTA text ≤ ${n} characters`),
  safeZone: (z) =>
    z === null
      ? 'no published safe zone'
      : `safe zone on 1080×1920: keep ${z.top}${z.unit} top, ${z.bottom}${z.unit} bottom, ${z.left}${z.unit} left, ${z.right}${z.unit} right free of text and key elements`,
  metricMeaning: {
    HOOK: 'the first 3 seconds stop the scroll (motion, a face, a question, the product)',
    STORYTELLING: 'a story with contrast (problem → solution, before → after) and a clear arc',
    EMOTIONAL_CONNECTION: 'it makes the viewer feel something (humour, surprise, aspiration, relief)',
    AUDIO_VOICE_SUBTITLES: 'music, voice-over and subtitles: present, clear, in sync, readable sound-off',
    PRODUCT_FOCUS: 'the product or service is shown early, clearly and often enough',
    VALUE_PROPOSITION: 'the benefit and why this brand is clear and credible',
    CALL_TO_ACTION: 'an explicit call to action, seen and heard, at the right moment',
    COMMUNITY: 'people, creators, social proof or user-generated style that invites participation',
    RESOLUTION_QUALITY: 'image sharpness, framing, lighting and encoding quality for the target placements',
  },
  analysisTask: (codes) => [
    'Score each of the nine creative metrics from 0 to 100, using exactly these codes:',
    '{metrics}',
    'For each metric give wentWell and toImprove (short, concrete points), evidence (what you saw or heard, with times) and atSeconds (the moment that matters most, or null).',
    'Score each target audience from 0 to 100 with one or two sentences of reasoning.',
    `List the problems you can see in the frames, using only these codes: ${codes}. Give atSeconds, the evidence you saw, and the target platforms concerned. Return an empty list when there are none; do not guess.`,
    'Answer only with JSON that matches the response schema.',
  ],
  recommendTask: [
    'Write a summary of two or three sentences: the verdict and the single most important change.',
    'Then write recommendations: one per detected issue (category ISSUE, target = issue code), one per failed check (CHECK, target = check code), at least one per target platform (PLATFORM, target = platform code), one per target audience (AUDIENCE, target = audience code) and one per metric under 60 when metrics are given (METRIC, target = metric code).',
    'Priority: 3 = fix before publishing, 2 = should fix, 1 = nice to have. atSeconds: the moment to change, or null.',
    'Each text is one or two sentences that say exactly what to change. Answer only with JSON that matches the response schema.',
  ],
  transcribe: (d, l) =>
    [
      `Transcribe the speech in this audio verbatim (it lasts ${d.toFixed(1)} s).`,
      l ? `The expected language is "${l}".` : 'Detect the language.',
      'Return language as an ISO 639-1 code and segments of one phrase each (at most about 15 words) with start and end in seconds from the start of the audio.',
      'Ignore music and noise. If nobody speaks, return an empty segments list and language null. Answer only with JSON that matches the response schema.',
    ].join('\n'),
};

const PT: Template = {
  outputLanguage: 'Escreva todos os campos de texto livre em português do Brasil.',
  analysisRole: 'Você é um especialista em avaliar anúncios em vídeo curto. Assista ao vídeo anexo e avalie-o como anúncio.',
  recommendRole:
    'Você é um estrategista criativo de marketing de performance. Você transforma a análise medida de um anúncio em vídeo em mudanças específicas e acionáveis. Nunca invente fatos que não estejam na análise.',
  h: {
    version: 'Versão do prompt',
    facts: 'Fatos medidos (ffprobe; confie neles mais do que na sua percepção)',
    checks: 'Verificações medidas',
    knownIssues: 'Problemas já encontrados pela medição (não os repita)',
    transcript: 'Transcrição',
    platforms: 'Plataformas de destino',
    audiences: 'Públicos-alvo',
    objective: 'Objetivo da campanha',
    brand: 'Marca (como é falada)',
    task: 'Tarefa',
    score: 'Pontuação antes das penalidades',
    metrics: 'Métricas criativas (0–100)',
    audienceScores: 'Pontuação por público (0–100)',
    issues: 'Problemas detectados',
  },
  factsNote: 'Tempos em segundos desde o início do vídeo.',
  ruleBased: 'por regras, sem modelo',
  none: 'nenhum',
  noTranscript: (r) => `Sem transcrição (${r}).`,
  transcriptBy: (e, l) => `reconhecida por ${e}${l ? `, idioma ${l}` : ''}`,
  truncated: '… (transcrição cortada)',
  f: {
    container: 'contêiner',
    duration: 'duração',
    size: 'tamanho do arquivo',
    bitrate: 'taxa de bits',
    video: 'vídeo',
    fps: 'qps',
    vfr: 'taxa de quadros variável',
    audio: 'áudio',
    noAudio: 'sem faixa de áudio',
    noVideo: 'sem faixa de vídeo',
    subtitles: 'faixas de legenda',
    unknown: 'desconhecido',
  },
  check: { pass: 'OK', fail: 'FALHOU', undecided: 'N/D', measured: 'medido' },
  hookLimit: (n) => (n === null ? 'texto do gancho: sem limite' : `texto do gancho ≤ ${n} caracteres`),
  ctaLimit: (n) => (n === null ? 'texto do CTA: sem limite' : `texto do CTA ≤ ${n} caracteres`),
  safeZone: (z) =>
    z === null
      ? 'sem zona segura publicada'
      : `zona segura em 1080×1920: deixe ${z.top}${z.unit} no topo, ${z.bottom}${z.unit} embaixo, ${z.left}${z.unit} à esquerda e ${z.right}${z.unit} à direita livres de texto e elementos importantes`,
  metricMeaning: {
    HOOK: 'os 3 primeiros segundos prendem a atenção (movimento, um rosto, uma pergunta, o produto)',
    STORYTELLING: 'uma história com contraste (problema → solução, antes → depois) e um arco claro',
    EMOTIONAL_CONNECTION: 'faz o espectador sentir algo (humor, surpresa, aspiração, alívio)',
    AUDIO_VOICE_SUBTITLES: 'música, locução e legendas: presentes, claras, sincronizadas, legíveis sem som',
    PRODUCT_FOCUS: 'o produto ou serviço aparece cedo, com clareza e por tempo suficiente',
    VALUE_PROPOSITION: 'o benefício e o porquê desta marca são claros e críveis',
    CALL_TO_ACTION: 'uma chamada para ação explícita, vista e ouvida, no momento certo',
    COMMUNITY: 'pessoas, criadores, prova social ou estilo de conteúdo de usuário que convida à participação',
    RESOLUTION_QUALITY: 'nitidez, enquadramento, iluminação e qualidade de codificação para os posicionamentos',
  },
  analysisTask: (codes) => [
    'Dê uma nota de 0 a 100 a cada uma das nove métricas criativas, usando exatamente estes códigos:',
    '{metrics}',
    'Para cada métrica informe wentWell e toImprove (pontos curtos e concretos), evidence (o que você viu ou ouviu, com tempos) e atSeconds (o momento mais importante, ou null).',
    'Dê uma nota de 0 a 100 a cada público-alvo, com uma ou duas frases de justificativa.',
    `Liste os problemas visíveis nos quadros, usando apenas estes códigos: ${codes}. Informe atSeconds, a evidência vista e as plataformas afetadas. Devolva uma lista vazia quando não houver; não chute.`,
    'Responda apenas com JSON no formato do schema de resposta.',
  ],
  recommendTask: [
    'Escreva um resumo de duas ou três frases: o veredito e a mudança mais importante.',
    'Depois escreva recomendações: uma por problema detectado (categoria ISSUE, target = código do problema), uma por verificação que falhou (CHECK, target = código da verificação), ao menos uma por plataforma (PLATFORM, target = código da plataforma), uma por público-alvo (AUDIENCE, target = código do público) e uma por métrica abaixo de 60, quando houver métricas (METRIC, target = código da métrica).',
    'Prioridade: 3 = corrigir antes de publicar, 2 = deveria corrigir, 1 = desejável. atSeconds: o momento a mudar, ou null.',
    'Cada texto tem uma ou duas frases que dizem exatamente o que mudar. Responda apenas com JSON no formato do schema de resposta.',
  ],
  transcribe: (d, l) =>
    [
      `Transcreva literalmente a fala deste áudio (duração ${d.toFixed(1)} s).`,
      l ? `O idioma esperado é "${l}".` : 'Detecte o idioma.',
      'Devolva language como código ISO 639-1 e segmentos de uma frase cada (no máximo cerca de 15 palavras) com start e end em segundos desde o início do áudio.',
      'Ignore música e ruído. Se ninguém falar, devolva segments vazio e language null. Responda apenas com JSON no formato do schema de resposta.',
    ].join('\n'),
};

export const TEMPLATES: Record<PromptLanguage, Template> = { en: EN, pt: PT };
