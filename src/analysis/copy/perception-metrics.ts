// The English and Portuguese sentences of what perception adds to the metrics (a face or text in the
// hook, the brand or a call to action on screen, people, burned-in captions); ../perception-metrics.ts
// decides which apply. Copy only.
import type { Lang } from '../i18n.js';

type Arg = string | number | null;

export interface SeenSignalCopy {
  faceOnScreenAtHolds: (p0: Arg) => string;
  faceInHook: string;
  textInHook: (p0: Arg) => string;
  textInHookFact: string;
  noFaceAndNoText: string;
  nothingSeenInHook: string;
  brandOnScreenAt: (p0: Arg, p1: Arg) => string;
  brandOnScreen: string;
  brandIsShownWithinFirst: string;
  brandShownEarly: string;
  productWordsOnScreen: (p0: Arg) => string;
  productWordsOnScreenFact: string;
  callToActionOnScreen: (p0: Arg, p1: Arg) => string;
  ctaOnScreen: string;
  peopleOnScreenFrom: (p0: Arg) => string;
  upToPersonInFrame: (p0: Arg) => string;
  severalPeopleTogetherOnScreen: string;
  groupOnScreen: string;
  burnedInCaptionsOnSampled: (p0: Arg) => string;
  burnedInCaptions: string;
  seenOnScreen: string;
}

export const SEEN_SIGNAL_COPY: Record<Lang, SeenSignalCopy> = {
  en: {
    faceOnScreenAtHolds: (p0) => `A face on screen at ${p0} s holds the opening.`,
    faceInHook: 'face in the hook',
    textInHook: (p0) => `Text in the hook: ${p0}.`,
    textInHookFact: 'text in the hook',
    noFaceAndNoText: 'No face and no text in the first 3 s: open on a face or a bold line.',
    nothingSeenInHook: 'nothing seen in the hook',
    brandOnScreenAt: (p0, p1) => `Brand on screen: ${p0} at ${p1} s.`,
    brandOnScreen: 'brand on screen',
    brandIsShownWithinFirst: 'The brand is shown within the first 5 s.',
    brandShownEarly: 'brand shown early',
    productWordsOnScreen: (p0) => `Product words on screen: ${p0}.`,
    productWordsOnScreenFact: 'product words on screen',
    callToActionOnScreen: (p0, p1) => `Call to action on screen: ${p0} at ${p1} s.`,
    ctaOnScreen: 'CTA on screen',
    peopleOnScreenFrom: (p0) => `People on screen from ${p0} s.`,
    upToPersonInFrame: (p0) => `up to ${p0} person(s) in a frame`,
    severalPeopleTogetherOnScreen: 'Several people together on screen.',
    groupOnScreen: 'a group on screen',
    burnedInCaptionsOnSampled: (p0) => `Burned-in captions on ${p0} sampled frames, for sound-off viewing.`,
    burnedInCaptions: 'burned-in captions',
    seenOnScreen: 'Seen on screen',
  },
  pt: {
    faceOnScreenAtHolds: (p0) => `Um rosto na tela em ${p0} s segura a abertura.`,
    faceInHook: 'rosto no gancho',
    textInHook: (p0) => `Texto no gancho: ${p0}.`,
    textInHookFact: 'texto no gancho',
    noFaceAndNoText: 'Nenhum rosto e nenhum texto nos 3 primeiros segundos: abra com um rosto ou uma frase forte.',
    nothingSeenInHook: 'nada visto no gancho',
    brandOnScreenAt: (p0, p1) => `Marca na tela: ${p0} em ${p1} s.`,
    brandOnScreen: 'marca na tela',
    brandIsShownWithinFirst: 'A marca aparece nos primeiros 5 s.',
    brandShownEarly: 'marca mostrada cedo',
    productWordsOnScreen: (p0) => `Palavras de produto na tela: ${p0}.`,
    productWordsOnScreenFact: 'palavras de produto na tela',
    callToActionOnScreen: (p0, p1) => `Chamada para ação na tela: ${p0} em ${p1} s.`,
    ctaOnScreen: 'CTA na tela',
    peopleOnScreenFrom: (p0) => `Pessoas na tela a partir de ${p0} s.`,
    upToPersonInFrame: (p0) => `até ${p0} pessoa(s) em um quadro`,
    severalPeopleTogetherOnScreen: 'Várias pessoas juntas na tela.',
    groupOnScreen: 'um grupo na tela',
    burnedInCaptionsOnSampled: (p0) => `Legendas na imagem em ${p0} quadros amostrados, para quem assiste sem som.`,
    burnedInCaptions: 'legendas na imagem',
    seenOnScreen: 'Visto na tela',
  },
};
