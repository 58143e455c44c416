// RESOLUTION_QUALITY: size against the spec, frame rate, bit rate, frozen and black stretches.
import { fmtSeconds, timestampLabel, type Lang } from '../i18n.js';
import type { CreativeMetric } from '../ports.js';
import { type MetricFacts, METRIC_RULES, T, MetricDraft, tip, span, total } from './draft.js';

export function quality(f: MetricFacts, lang: Lang): CreativeMetric {
  const R = METRIC_RULES.quality;
  const m = new MetricDraft('RESOLUTION_QUALITY', R.base);
  const v = f.media.video;
  if (v) {
    const short = Math.min(v.displayWidth, v.displayHeight);
    const size = `${v.displayWidth}×${v.displayHeight}`;
    if (short >= 1080) m.good(R.fullHd, T(lang, `Full HD or better (${size}).`, `Full HD ou mais (${size}).`), size);
    else if (short >= 720) m.good(R.hd, T(lang, `HD (${size}).`, `HD (${size}).`), size);
    else if (short < 360)
      m.bad(
        R.veryLow,
        T(
          lang,
          `Very low resolution (${size}): export at 1080×1920.`,
          `Resolução muito baixa (${size}): exporte em 1080×1920.`,
        ),
        size,
      );
    else if (short < 540)
      m.bad(
        R.belowSpec,
        T(lang, `Low resolution (${size}): export at 1080×1920.`, `Resolução baixa (${size}): exporte em 1080×1920.`),
        size,
      );
    else m.fact(size);
    if (v.frameRate !== null && v.frameRate < 23) {
      m.bad(
        R.lowFps,
        T(
          lang,
          `Low frame rate (${v.frameRate.toFixed(1)} fps): export at 25–30 fps.`,
          `Taxa de quadros baixa (${v.frameRate.toFixed(1)} qps): exporte em 25–30 qps.`,
        ),
        `${v.frameRate.toFixed(1)} fps`,
      );
    }
    const fps = v.frameRate ?? 30;
    if (f.media.bitRate) {
      const bpp = f.media.bitRate / (v.displayWidth * v.displayHeight * fps);
      const kbps = `${Math.round(f.media.bitRate / 1000)} kb/s`;
      if (bpp < METRIC_RULES.lowBitsPerPixel)
        m.bad(
          R.lowBitrate,
          T(
            lang,
            `Low bit rate (${kbps} for ${size}): it will look blocky after the platform re-encodes it.`,
            `Taxa de bits baixa (${kbps} para ${size}): vai ficar quadriculado depois da recodificação da plataforma.`,
          ),
          kbps,
        );
      else m.fact(kbps);
    }
  }
  const a = f.analysis;
  const d = a?.durationSeconds ?? f.media.durationSeconds;
  if (a?.frozenSegments && d) {
    const frozen = total(a.frozenSegments);
    if (frozen / d >= METRIC_RULES.mostlyFrozenShare) {
      m.bad(
        R.mostlyFrozen,
        T(
          lang,
          `The picture stands still for ${fmtSeconds(frozen, lang)} of ${fmtSeconds(d, lang)}: replace stills with motion.`,
          `A imagem fica parada por ${fmtSeconds(frozen, lang)} de ${fmtSeconds(d, lang)}: troque imagens paradas por movimento.`,
        ),
        T(lang, `frozen ${fmtSeconds(frozen, lang)}`, `parada ${fmtSeconds(frozen, lang)}`),
      );
      m.at(a.frozenSegments[0]!.start);
    } else if (frozen > 0) {
      m.bad(
        R.someFrozen,
        T(
          lang,
          `The picture freezes at ${timestampLabel(a.frozenSegments[0]!.start)} (${fmtSeconds(frozen, lang)} in all).`,
          `A imagem congela em ${timestampLabel(a.frozenSegments[0]!.start)} (${fmtSeconds(frozen, lang)} no total).`,
        ),
        T(lang, `frozen ${fmtSeconds(frozen, lang)}`, `parada ${fmtSeconds(frozen, lang)}`),
      );
      m.at(a.frozenSegments[0]!.start);
    } else {
      m.fact(T(lang, 'no frozen stretch', 'nenhum trecho congelado'));
    }
  }
  if (a?.blackSegments && d) {
    // Black at the very start is the hook's problem, a fade-out at the end is normal.
    const midway = a.blackSegments.filter((s) => s.start >= 0.5 && s.end < d - 0.5);
    if (midway.length) {
      m.bad(
        R.blackMidway,
        T(
          lang,
          `Black frames at ${timestampLabel(midway[0]!.start)}: cut them.`,
          `Quadros pretos em ${timestampLabel(midway[0]!.start)}: corte-os.`,
        ),
        T(lang, `black ${span(midway[0]!, lang)}`, `preto ${span(midway[0]!, lang)}`),
      );
      m.at(midway[0]!.start);
    }
  }
  return m.build(lang, {
    lowSignal: !v,
    why: T(lang, 'no video stream facts', 'sem dados da faixa de vídeo'),
    tip: tip('RESOLUTION_QUALITY', lang),
  });
}
