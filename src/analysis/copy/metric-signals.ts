// The English and Portuguese sentences of the rule-based metrics, per signal (what went well, what
// to improve, the fact it rests on), by metric family (../metrics/*.ts decide which apply). Copy
// only. Parameters are the measured values, already formatted for the language where that matters.
import type { Lang } from '../i18n.js';

type Arg = string | number | null;

export interface SignalCopy {
  hook: {
    cutAtKeepsOpeningMoving: (p0: Arg) => string;
    firstCutAt: (p0: Arg) => string;
    cutsInFirst: (p0: Arg, p1: Arg) => string;
    noCutInFirstCut: (p0: Arg) => string;
    oneContinuousShot: string;
    soundFromFirstSecond: string;
    silentOpening: (p0: Arg) => string;
    silentForFirstStartMusic: (p0: Arg) => string;
    wordsFromMessageStartsInside: (p0: Arg) => string;
    firstWordsAt: (p0: Arg) => string;
    opensWithQuestionOrChallenge: (p0: Arg) => string;
    noWordsInFirstSay: (p0: Arg) => string;
    noWordsRecognised: string;
    opensOnBlackStartOn: (p0: Arg) => string;
    black: (p0: Arg) => string;
    openingIsStillPictureAdd: (p0: Arg) => string;
    frozen: (p0: Arg) => string;
    brandNamedAt: (p0: Arg) => string;
    neitherCutsSoundNorSpeech: string;
  };
  story: {
    contrastInScript: (p0: Arg) => string;
    contrastWords: (p0: Arg) => string;
    noContrastHeardProblemSolution: string;
    noContrastWordsInTranscript: string;
    voiceCarriesStoryFromStart: string;
    oneContinuousShotShowBefore: string;
    shot: string;
    shotsGiveRoomForArc: (p0: Arg) => string;
    shots: (p0: Arg) => string;
    shotLengthsVaryRhythmOf: string;
    shotLengthVariation: (p0: Arg) => string;
    emotionalWordsHeard: (p0: Arg) => string;
    emotionWords: (p0: Arg) => string;
    noEmotionWordsInTranscript: string;
    mixHasDynamicsLoudnessRange: (p0: Arg) => string;
    soundIsFlatLoudnessRange: (p0: Arg) => string;
    noEmotionalWordsHeardAnd: string;
  };
  audio: {
    noSoundTrackAddMusic: string;
    noAudioStream: string;
    soundTrackIsSilentAdd: string;
    silentSoundTrack: string;
    loudnessWhereSocialFeedsPlay: (p0: Arg) => string;
    isLuUnderLufsNormalise: (p0: Arg, p1: Arg) => string;
    isOverLufsPlatformTurns: (p0: Arg) => string;
    peaksReachDbtpLimitThem: (p0: Arg) => string;
    soundStartsOnlyAt: (p0: Arg) => string;
    voiceOverHeardWordsRecognised: (p0: Arg) => string;
    wordsRecognised: (p0: Arg) => string;
    noVoiceHeardVoiceOver: string;
    speechRunsAtWordsMin: (p0: Arg) => string;
    coveringOfSpeech: (p0: Arg) => string;
    captionsCuesForSoundOff: (p0: Arg, p1: Arg, p2: Arg) => string;
    captionsCues: (p0: Arg) => string;
    subtitleTrackForSoundOff: (p0: Arg, p1: Arg) => string;
    subtitleStream: (p0: Arg) => string;
    noSubtitleTrackInFile: string;
    noSubtitleStream: string;
    noLoudnessOrSpeechWas: string;
  };
  offer: {
    brandHeardAt: (p0: Arg, p1: Arg) => string;
    brandAt: (p0: Arg) => string;
    brandComesWithinFirst: (p0: Arg) => string;
    wasNotHeardSayBrand: (p0: Arg, p1: Arg) => string;
    brandNotHeard: string;
    productIsTalkedAbout: (p0: Arg) => string;
    productWords: (p0: Arg) => string;
    noProductWordsInTranscript: string;
    productIsOnlyLookedFor: string;
    benefitWordsHeard: (p0: Arg) => string;
    benefitWords: (p0: Arg) => string;
    concreteFigureBacksOffer: string;
    figureAt: (p0: Arg) => string;
    noBenefitHeardSayWhat: string;
    noBenefitWordsOrFigures: string;
    callToActionHeard: (p0: Arg, p1: Arg, p2: Arg) => string;
    itComesInSecondHalf: string;
    repeatCallToActionNear: string;
    callToActionIsRepeated: string;
    noCallToActionHeard: string;
    noSpeechToHearCall: string;
    noTranscriptOnScreenCta: (p0: Arg) => string;
    talksToViewerDirectly: string;
    you: (p0: Arg) => string;
    invitesPeopleIn: (p0: Arg) => string;
    communityWords: (p0: Arg) => string;
    noCommunityWordsInTranscript: string;
    onlySpeechIsReadPeople: string;
  };
  quality: {
    fullHdOrBetter: (p0: Arg) => string;
    hd: (p0: Arg) => string;
    veryLowResolutionExportAt: (p0: Arg) => string;
    lowResolutionExportAt: (p0: Arg) => string;
    lowFrameRateFpsExport: (p0: Arg) => string;
    lowBitRateForIt: (p0: Arg, p1: Arg) => string;
    pictureStandsStillForOf: (p0: Arg, p1: Arg) => string;
    frozen: (p0: Arg) => string;
    pictureFreezesAtInAll: (p0: Arg, p1: Arg) => string;
    noFrozenStretch: string;
    blackFramesAtCutThem: (p0: Arg) => string;
    black: (p0: Arg) => string;
    noVideoStreamFacts: string;
  };
}

export const SIGNAL_COPY: Record<Lang, SignalCopy> = {
  en: {
    hook: {
      cutAtKeepsOpeningMoving: (p0) => `A cut at ${p0} keeps the opening moving.`,
      firstCutAt: (p0) => `first cut at ${p0}`,
      cutsInFirst: (p0, p1) => `${p0} cuts in the first ${p1} s.`,
      noCutInFirstCut: (p0) => `No cut in the first ${p0} s: cut, move or show a face by 0:02.`,
      oneContinuousShot: 'one continuous shot',
      soundFromFirstSecond: 'Sound from the first second.',
      silentOpening: (p0) => `silent opening ${p0}`,
      silentForFirstStartMusic: (p0) => `Silent for the first ${p0}: start music or voice at 0:00.`,
      wordsFromMessageStartsInside: (p0) => `Words from ${p0}: the message starts inside the hook.`,
      firstWordsAt: (p0) => `first words at ${p0}`,
      opensWithQuestionOrChallenge: (p0) => `Opens with a question or challenge (${p0}).`,
      noWordsInFirstSay: (p0) => `No words in the first ${p0} s: say the hook out loud.`,
      noWordsRecognised: 'no words recognised',
      opensOnBlackStartOn: (p0) => `Opens on black (${p0}): start on the image.`,
      black: (p0) => `black ${p0}`,
      openingIsStillPictureAdd: (p0) => `The opening is a still picture (${p0}): add motion.`,
      frozen: (p0) => `frozen ${p0}`,
      brandNamedAt: (p0) => `Brand named at ${p0}.`,
      neitherCutsSoundNorSpeech: 'neither cuts, sound nor speech were measured',
    },
    story: {
      contrastInScript: (p0) => `Contrast in the script (${p0}).`,
      contrastWords: (p0) => `contrast words ${p0}`,
      noContrastHeardProblemSolution: 'No contrast heard (problem → solution, before → after): build the script around one.',
      noContrastWordsInTranscript: 'no contrast words in the transcript',
      voiceCarriesStoryFromStart: 'The voice carries the story from start to end.',
      oneContinuousShotShowBefore: 'One continuous shot: show a before and an after.',
      shot: '1 shot',
      shotsGiveRoomForArc: (p0) => `${p0} shots give room for an arc.`,
      shots: (p0) => `${p0} shots`,
      shotLengthsVaryRhythmOf: 'Shot lengths vary: a rhythm of slow and fast moments.',
      shotLengthVariation: (p0) => `shot-length variation ${p0}`,
      emotionalWordsHeard: (p0) => `Emotional words heard (${p0}).`,
      emotionWords: (p0) => `emotion words ${p0}`,
      noEmotionWordsInTranscript: 'no emotion words in the transcript',
      mixHasDynamicsLoudnessRange: (p0) => `The mix has dynamics (loudness range ${p0} LU).`,
      soundIsFlatLoudnessRange: (p0) => `The sound is flat (loudness range ${p0} LU): let music rise and fall with the story.`,
      noEmotionalWordsHeardAnd: 'no emotional words heard, and faces and music mood need a model',
    },
    audio: {
      noSoundTrackAddMusic: 'No sound track: add music and a voice-over.',
      noAudioStream: 'no audio stream',
      soundTrackIsSilentAdd: 'The sound track is silent: add music and a voice-over.',
      silentSoundTrack: 'silent sound track',
      loudnessWhereSocialFeedsPlay: (p0) => `Loudness ${p0}, where social feeds play (−14 LUFS).`,
      isLuUnderLufsNormalise: (p0, p1) => `${p0} is ${p1} LU under −14 LUFS: normalise the mix so it is not quieter than the feed.`,
      isOverLufsPlatformTurns: (p0) => `${p0} is over −14 LUFS: the platform turns it down; ease the limiter.`,
      peaksReachDbtpLimitThem: (p0) => `Peaks reach ${p0} dBTP: limit them to −1 dBTP.`,
      soundStartsOnlyAt: (p0) => `Sound starts only at ${p0}.`,
      voiceOverHeardWordsRecognised: (p0) => `Voice-over heard (${p0} words recognised).`,
      wordsRecognised: (p0) => `${p0} words recognised`,
      noVoiceHeardVoiceOver: 'No voice heard: a voice-over carries the message for sound-on viewers.',
      speechRunsAtWordsMin: (p0) => `Speech runs at ${p0} words/min: slow down or cut words.`,
      coveringOfSpeech: (p0) => `, covering ${p0} % of the speech`,
      captionsCuesForSoundOff: (p0, p1, p2) => `Captions (${p0}, ${p1} cues${p2}) for sound-off viewing.`,
      captionsCues: (p0) => `captions: ${p0} cues`,
      subtitleTrackForSoundOff: (p0, p1) => `Subtitle track (${p0}${p1}) for sound-off viewing.`,
      subtitleStream: (p0) => `${p0} subtitle stream(s)`,
      noSubtitleTrackInFile:
        'No subtitle track in the file: burn in captions (or upload them) for sound-off viewing; ' +
        'burned-in text is not read without a model.',
      noSubtitleStream: 'no subtitle stream',
      noLoudnessOrSpeechWas: 'no loudness or speech was measured',
    },
    offer: {
      brandHeardAt: (p0, p1) => `Brand "${p0}" heard at ${p1}.`,
      brandAt: (p0) => `brand at ${p0}`,
      brandComesWithinFirst: (p0) => `The brand comes within the first ${p0} s.`,
      wasNotHeardSayBrand: (p0, p1) => `"${p0}" was not heard: say the brand in the first ${p1} s.`,
      brandNotHeard: 'brand not heard',
      productIsTalkedAbout: (p0) => `The product is talked about (${p0}).`,
      productWords: (p0) => `product words ${p0}`,
      noProductWordsInTranscript: 'no product words in the transcript',
      productIsOnlyLookedFor: 'the product is only looked for in speech; whether it is shown needs a model',
      benefitWordsHeard: (p0) => `Benefit words heard (${p0}).`,
      benefitWords: (p0) => `benefit words ${p0}`,
      concreteFigureBacksOffer: 'A concrete figure backs the offer.',
      figureAt: (p0) => `figure at ${p0}`,
      noBenefitHeardSayWhat: 'No benefit heard: say what the viewer gains (time, money, a result).',
      noBenefitWordsOrFigures: 'no benefit words or figures in the transcript',
      callToActionHeard: (p0, p1, p2) => `Call to action heard${p0} (${p1}).`,
      itComesInSecondHalf: 'It comes in the second half, where viewers are ready to act.',
      repeatCallToActionNear: 'Repeat the call to action near the end, where viewers are ready to act.',
      callToActionIsRepeated: 'The call to action is repeated.',
      noCallToActionHeard: 'No call to action heard: end with one clear phrase ("Shop now", "Sign up today") and show it on screen.',
      noSpeechToHearCall: 'no speech to hear a call to action in; an on-screen CTA is not read without a model',
      noTranscriptOnScreenCta: (p0) => `no transcript (${p0}); an on-screen CTA is not read without a model`,
      talksToViewerDirectly: 'Talks to the viewer directly.',
      you: (p0) => `${p0}× "you"`,
      invitesPeopleIn: (p0) => `Invites people in (${p0}).`,
      communityWords: (p0) => `community words ${p0}`,
      noCommunityWordsInTranscript: 'no community words in the transcript',
      onlySpeechIsReadPeople: 'only speech is read; people, creators and social proof on screen need a model',
    },
    quality: {
      fullHdOrBetter: (p0) => `Full HD or better (${p0}).`,
      hd: (p0) => `HD (${p0}).`,
      veryLowResolutionExportAt: (p0) => `Very low resolution (${p0}): export at 1080×1920.`,
      lowResolutionExportAt: (p0) => `Low resolution (${p0}): export at 1080×1920.`,
      lowFrameRateFpsExport: (p0) => `Low frame rate (${p0} fps): export at 25–30 fps.`,
      lowBitRateForIt: (p0, p1) => `Low bit rate (${p0} for ${p1}): it will look blocky after the platform re-encodes it.`,
      pictureStandsStillForOf: (p0, p1) => `The picture stands still for ${p0} of ${p1}: replace stills with motion.`,
      frozen: (p0) => `frozen ${p0}`,
      pictureFreezesAtInAll: (p0, p1) => `The picture freezes at ${p0} (${p1} in all).`,
      noFrozenStretch: 'no frozen stretch',
      blackFramesAtCutThem: (p0) => `Black frames at ${p0}: cut them.`,
      black: (p0) => `black ${p0}`,
      noVideoStreamFacts: 'no video stream facts',
    },
  },
  pt: {
    hook: {
      cutAtKeepsOpeningMoving: (p0) => `Um corte em ${p0} dá movimento à abertura.`,
      firstCutAt: (p0) => `primeiro corte em ${p0}`,
      cutsInFirst: (p0, p1) => `${p0} cortes nos primeiros ${p1} s.`,
      noCutInFirstCut: (p0) => `Nenhum corte nos primeiros ${p0} s: corte, movimente ou mostre um rosto até 0:02.`,
      oneContinuousShot: 'um único plano contínuo',
      soundFromFirstSecond: 'Som desde o primeiro segundo.',
      silentOpening: (p0) => `abertura em silêncio ${p0}`,
      silentForFirstStartMusic: (p0) => `Silêncio nos primeiros ${p0}: comece a música ou a voz em 0:00.`,
      wordsFromMessageStartsInside: (p0) => `Fala a partir de ${p0}: a mensagem começa dentro do gancho.`,
      firstWordsAt: (p0) => `primeiras palavras em ${p0}`,
      opensWithQuestionOrChallenge: (p0) => `Abre com uma pergunta ou desafio (${p0}).`,
      noWordsInFirstSay: (p0) => `Nenhuma palavra nos primeiros ${p0} s: diga o gancho em voz alta.`,
      noWordsRecognised: 'nenhuma palavra reconhecida',
      opensOnBlackStartOn: (p0) => `Abre com tela preta (${p0}): comece na imagem.`,
      black: (p0) => `preto ${p0}`,
      openingIsStillPictureAdd: (p0) => `A abertura é uma imagem parada (${p0}): adicione movimento.`,
      frozen: (p0) => `imagem parada ${p0}`,
      brandNamedAt: (p0) => `Marca citada em ${p0}.`,
      neitherCutsSoundNorSpeech: 'cortes, som e fala não foram medidos',
    },
    story: {
      contrastInScript: (p0) => `Contraste no roteiro (${p0}).`,
      contrastWords: (p0) => `palavras de contraste ${p0}`,
      noContrastHeardProblemSolution: 'Nenhum contraste ouvido (problema → solução, antes → depois): construa o roteiro em torno de um.',
      noContrastWordsInTranscript: 'nenhuma palavra de contraste na transcrição',
      voiceCarriesStoryFromStart: 'A voz conduz a história do início ao fim.',
      oneContinuousShotShowBefore: 'Um único plano contínuo: mostre um antes e um depois.',
      shot: '1 plano',
      shotsGiveRoomForArc: (p0) => `${p0} planos dão espaço para um arco.`,
      shots: (p0) => `${p0} planos`,
      shotLengthsVaryRhythmOf: 'A duração dos planos varia: um ritmo de momentos lentos e rápidos.',
      shotLengthVariation: (p0) => `variação da duração dos planos ${p0}`,
      emotionalWordsHeard: (p0) => `Palavras emocionais ouvidas (${p0}).`,
      emotionWords: (p0) => `palavras emocionais ${p0}`,
      noEmotionWordsInTranscript: 'nenhuma palavra emocional na transcrição',
      mixHasDynamicsLoudnessRange: (p0) => `A mixagem tem dinâmica (faixa de loudness ${p0} LU).`,
      soundIsFlatLoudnessRange: (p0) => `O som é plano (faixa de loudness ${p0} LU): deixe a música subir e descer com a história.`,
      noEmotionalWordsHeardAnd: 'nenhuma palavra emocional ouvida, e rostos e clima da música pedem um modelo',
    },
    audio: {
      noSoundTrackAddMusic: 'Sem faixa de áudio: adicione música e locução.',
      noAudioStream: 'sem faixa de áudio',
      soundTrackIsSilentAdd: 'A faixa de áudio está muda: adicione música e locução.',
      silentSoundTrack: 'faixa de áudio muda',
      loudnessWhereSocialFeedsPlay: (p0) => `Loudness ${p0}, onde os feeds sociais tocam (−14 LUFS).`,
      isLuUnderLufsNormalise: (p0, p1) =>
        `${p0} está ${p1} LU abaixo de −14 LUFS: normalize a mixagem para não ficar mais baixa que o feed.`,
      isOverLufsPlatformTurns: (p0) => `${p0} está acima de −14 LUFS: a plataforma abaixa o volume; alivie o limitador.`,
      peaksReachDbtpLimitThem: (p0) => `Picos chegam a ${p0} dBTP: limite-os a −1 dBTP.`,
      soundStartsOnlyAt: (p0) => `O som só começa em ${p0}.`,
      voiceOverHeardWordsRecognised: (p0) => `Locução ouvida (${p0} palavras reconhecidas).`,
      wordsRecognised: (p0) => `${p0} palavras reconhecidas`,
      noVoiceHeardVoiceOver: 'Nenhuma voz ouvida: uma locução leva a mensagem a quem assiste com som.',
      speechRunsAtWordsMin: (p0) => `A fala corre a ${p0} palavras/min: fale mais devagar ou corte palavras.`,
      coveringOfSpeech: (p0) => `, cobrindo ${p0} % da fala`,
      captionsCuesForSoundOff: (p0, p1, p2) => `Legendas (${p0}, ${p1} falas${p2}) para quem assiste sem som.`,
      captionsCues: (p0) => `legendas: ${p0} falas`,
      subtitleTrackForSoundOff: (p0, p1) => `Faixa de legendas (${p0}${p1}) para quem assiste sem som.`,
      subtitleStream: (p0) => `${p0} faixa(s) de legenda`,
      noSubtitleTrackInFile:
        'Nenhuma faixa de legenda no arquivo: grave legendas na imagem (ou envie-as) para quem assiste sem som; ' +
        'texto na imagem não é lido sem um modelo.',
      noSubtitleStream: 'sem faixa de legenda',
      noLoudnessOrSpeechWas: 'loudness e fala não foram medidos',
    },
    offer: {
      brandHeardAt: (p0, p1) => `Marca "${p0}" ouvida em ${p1}.`,
      brandAt: (p0) => `marca em ${p0}`,
      brandComesWithinFirst: (p0) => `A marca aparece nos primeiros ${p0} s.`,
      wasNotHeardSayBrand: (p0, p1) => `"${p0}" não foi ouvida: diga a marca nos primeiros ${p1} s.`,
      brandNotHeard: 'marca não ouvida',
      productIsTalkedAbout: (p0) => `O produto é mencionado (${p0}).`,
      productWords: (p0) => `palavras de produto ${p0}`,
      noProductWordsInTranscript: 'nenhuma palavra de produto na transcrição',
      productIsOnlyLookedFor: 'o produto só é procurado na fala; se ele aparece na imagem pede um modelo',
      benefitWordsHeard: (p0) => `Palavras de benefício ouvidas (${p0}).`,
      benefitWords: (p0) => `palavras de benefício ${p0}`,
      concreteFigureBacksOffer: 'Um número concreto sustenta a oferta.',
      figureAt: (p0) => `número em ${p0}`,
      noBenefitHeardSayWhat: 'Nenhum benefício ouvido: diga o que o espectador ganha (tempo, dinheiro, um resultado).',
      noBenefitWordsOrFigures: 'nenhuma palavra de benefício ou número na transcrição',
      callToActionHeard: (p0, p1, p2) => `Chamada para ação ouvida${p2} (${p1}).`,
      itComesInSecondHalf: 'Ela vem na segunda metade, quando o espectador está pronto para agir.',
      repeatCallToActionNear: 'Repita a chamada para ação perto do fim, quando o espectador está pronto para agir.',
      callToActionIsRepeated: 'A chamada para ação é repetida.',
      noCallToActionHeard:
        'Nenhuma chamada para ação ouvida: termine com uma frase clara ("Compre agora", "Cadastre-se hoje") e mostre-a na tela.',
      noSpeechToHearCall: 'sem fala para ouvir uma chamada para ação; um CTA escrito na tela não é lido sem um modelo',
      noTranscriptOnScreenCta: (p0) => `sem transcrição (${p0}); um CTA escrito na tela não é lido sem um modelo`,
      talksToViewerDirectly: 'Fala diretamente com o espectador.',
      you: (p0) => `${p0}× "você"`,
      invitesPeopleIn: (p0) => `Convida as pessoas (${p0}).`,
      communityWords: (p0) => `palavras de comunidade ${p0}`,
      noCommunityWordsInTranscript: 'nenhuma palavra de comunidade na transcrição',
      onlySpeechIsReadPeople: 'só a fala é lida; pessoas, criadores e prova social na tela pedem um modelo',
    },
    quality: {
      fullHdOrBetter: (p0) => `Full HD ou mais (${p0}).`,
      hd: (p0) => `HD (${p0}).`,
      veryLowResolutionExportAt: (p0) => `Resolução muito baixa (${p0}): exporte em 1080×1920.`,
      lowResolutionExportAt: (p0) => `Resolução baixa (${p0}): exporte em 1080×1920.`,
      lowFrameRateFpsExport: (p0) => `Taxa de quadros baixa (${p0} qps): exporte em 25–30 qps.`,
      lowBitRateForIt: (p0, p1) => `Taxa de bits baixa (${p0} para ${p1}): vai ficar quadriculado depois da recodificação da plataforma.`,
      pictureStandsStillForOf: (p0, p1) => `A imagem fica parada por ${p0} de ${p1}: troque imagens paradas por movimento.`,
      frozen: (p0) => `parada ${p0}`,
      pictureFreezesAtInAll: (p0, p1) => `A imagem congela em ${p0} (${p1} no total).`,
      noFrozenStretch: 'nenhum trecho congelado',
      blackFramesAtCutThem: (p0) => `Quadros pretos em ${p0}: corte-os.`,
      black: (p0) => `preto ${p0}`,
      noVideoStreamFacts: 'sem dados da faixa de vídeo',
    },
  },
};
