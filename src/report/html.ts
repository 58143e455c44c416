// The visual report: one self-contained HTML page (inline CSS and SVG; stills by signed URL or
// inlined as data: URIs for PDF) built from a stored result. Pure: the service signs the stills and
// passes their URLs in.
import { AUDIENCE_LABELS, timestampLabel, type Lang } from '../analysis/i18n.js';
import { PLATFORM_SPECS } from '../analysis/platforms.js';
import { RULES } from '../analysis/rules.js';
import type { Platform } from '../domain/model.js';
import type { StoredResult } from '../pipeline/result.js';
import { toCreativeFields } from '../resolvers/result.mappers.js';
import { boxOverlay, loudnessChart, scoreRing, shotBar, type Box } from './charts.js';
import { COPY, type ReportCopy } from './copy.js';
import { esc } from './escape.js';
import { REPORT_CSS } from './style.js';

export interface ReportInput {
  taskId: string;
  title: string;
  finishedAt: Date | null;
  platforms: Platform[];
  result: StoredResult;
}

export interface RenderOptions {
  /** URL (signed, or a data: URI) for a stored still, by key; absent keys render as "no still". */
  stills: ReadonlyMap<string, string>;
  /** Link to the PDF of this report, when the server can make one. */
  pdfUrl: string | null;
  /** Rendering for the PDF: no print hints or links. */
  forPdf?: boolean;
}

const GRADE_COLOR: Record<string, string> = { A: '#16a34a', B: '#2563eb', C: '#d97706', D: '#dc2626' };
const gradeColor = (g: string) => GRADE_COLOR[g] ?? '#64748b';
const gradeOf = (score: number) => (score >= 76 ? 'A' : score >= 51 ? 'B' : score >= 26 ? 'C' : 'D');
const ts = (s: number | null | undefined) => timestampLabel(s) ?? '';
const secs = (s: number, lang: Lang) => (lang === 'pt' ? s.toFixed(1).replace('.', ',') : s.toFixed(1)) + ' s';

/** The keys of every still the report shows (the service signs or inlines exactly these). */
export function stillKeys(input: ReportInput): string[] {
  const keys = new Set<string>();
  const { detectedIssues } = toCreativeFields(input.result);
  for (const i of detectedIssues) for (const k of i.evidenceFrameKeys ?? []) keys.add(k);
  for (const t of input.result.mediaAnalysis?.thumbnails ?? []) if (t.kind === 'SHOT' || t.kind === 'POSTER') keys.add(t.key);
  return [...keys];
}

export function renderReport(input: ReportInput, opts: RenderOptions): string {
  const r = input.result;
  const f = toCreativeFields(r);
  const lang: Lang = f.language === 'pt' ? 'pt' : 'en';
  const c = COPY[lang];
  const poster = r.mediaAnalysis?.thumbnails.find((t) => t.kind === 'POSTER');
  const posterUrl = poster ? opts.stills.get(poster.key) : undefined;
  const platforms = input.platforms.map((p) => PLATFORM_SPECS[p]?.label ?? p);
  const date = input.finishedAt
    ? new Intl.DateTimeFormat(lang === 'pt' ? 'pt-BR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(
        input.finishedAt,
      ) + ' UTC'
    : '';

  const header = `<header class="hero card">
  <div class="hero-text">
    <p class="eyebrow">${esc(c.title)}</p>
    <h1>${esc(input.title)}</h1>
    <p class="meta">${date ? `${esc(c.analysedOn)} ${esc(date)}` : ''}${platforms.length ? ` · ${esc(c.platforms)}: ${esc(platforms.join(', '))}` : ''}</p>
    <p class="summary">${esc(r.summary)}</p>
    <div class="facts">
      <span class="fact"><b>${r.scoreBeforePenalties}</b> ${esc(c.beforePenalties)}</span>
      ${(f.penalties ?? []).length ? `<span class="fact bad"><b>−${f.penalties.reduce((a, p) => a + p.points, 0)}</b> ${esc(c.penalties.toLowerCase())}</span>` : ''}
      ${r.abcdScore !== null ? `<span class="fact"><b>${r.abcdScore}%</b> ${esc(c.abcd)}</span>` : ''}
    </div>
  </div>
  <div class="hero-score">${scoreRing(r.score, r.grade, gradeColor(r.grade))}</div>
  ${posterUrl ? `<img class="poster" src="${esc(posterUrl)}" alt="">` : ''}
</header>`;

  const metrics = f.creativeMetrics.length
    ? section(c.metrics, 'metrics', `<div class="metrics">${f.creativeMetrics.map((m) => metricCard(m, c)).join('')}</div>`)
    : '';

  const audiences = f.audienceScores.length
    ? section(
        c.audiences,
        'audiences',
        `<div class="audiences">${f.audienceScores
          .map(
            (
              a,
            ) => `<div class="aud"><div class="aud-head"><span>${esc(AUDIENCE_LABELS[lang][a.audience] ?? a.audience)}</span><b style="color:${gradeColor(gradeOf(a.score))}">${a.score}</b></div>
          ${bar(a.score)}<p class="muted small">${esc(a.reasoning)}</p></div>`,
          )
          .join('')}</div>`,
      )
    : '';

  const passed = r.checks.filter((x) => x.passed === true);
  const failed = r.checks.filter((x) => x.passed === false);
  const undecided = r.checks.filter((x) => x.passed === null);
  const checkList = (list: typeof r.checks, cls: string, mark: string) =>
    list
      .map(
        (x) =>
          `<li class="${cls}"><span class="mark">${mark}</span><div><b>${esc(x.title)}</b>${x.atSeconds !== null ? ` <span class="time">${ts(x.atSeconds)}</span>` : ''}<p class="muted small">${esc(x.evidence || x.rule)}</p></div></li>`,
      )
      .join('');
  const checks = r.checks.length
    ? section(
        c.checks,
        'checks',
        `<div class="checks">
      <div><h3 class="ok-t">${esc(c.passed)} · ${passed.length}</h3><ul class="checklist">${checkList(passed, 'ok', '✓')}</ul></div>
      <div><h3 class="bad-t">${esc(c.failed)} · ${failed.length}</h3><ul class="checklist">${checkList(failed, 'bad', '✕')}</ul>
      ${undecided.length ? `<h3 class="muted">${esc(c.undecided)} · ${undecided.length}</h3><ul class="checklist">${checkList(undecided, 'unk', '?')}</ul>` : ''}</div>
    </div>`,
      )
    : '';

  const frameAspect = aspectOf(r);
  const issues = section(
    c.issues,
    'issues',
    f.detectedIssues.length
      ? `<div class="issues">${[...f.detectedIssues]
          .sort((a, b) => b.penalty - a.penalty)
          .map((i) => {
            const key = i.evidenceFrameKeys?.[0];
            const url = key ? opts.stills.get(key) : undefined;
            const boxes = boxesOf(i, r);
            // Issues with no moment (a whole-file property such as the aspect ratio) get no still.
            const still = url
              ? `<figure class="evidence" style="aspect-ratio:${frameAspect}"><img src="${esc(url)}" alt="" data-testid="evidence-still">${boxOverlay(boxes.filter((b) => b.drawnOn !== key))}${i.atSeconds !== null ? `<figcaption>${ts(i.atSeconds)}</figcaption>` : ''}</figure>`
              : '';
            return `<article class="issue sev-${esc(i.severity)}${url ? '' : ' no-still'}">${still}<div class="issue-body">
          <div class="issue-head"><span class="chip sev">${esc(c.severity[i.severity] ?? i.severity)}</span><span class="chip pen">−${i.penalty} ${esc(c.points)}</span>${i.platforms.length ? `<span class="muted small">${esc(i.platforms.map((p) => PLATFORM_SPECS[p]?.label ?? p).join(', '))}</span>` : ''}</div>
          <h3>${esc(i.title)}</h3><p>${esc(i.detail)}</p>${i.evidence ? `<p class="muted small">${esc(i.evidence)}</p>` : ''}
          ${
            boxes.filter((b) => b.label).length
              ? `<p class="small words">${boxes
                  .filter((b) => b.label)
                  .map((b) => `<span>“${esc(b.label)}”</span>`)
                  .join(' ')}</p>`
              : ''
          }
        </div></article>`;
          })
          .join('')}</div>`
      : `<p class="muted">${esc(c.noIssues)}</p>`,
  );

  const duration = r.media?.durationSeconds ?? 0;
  const analysis = r.mediaAnalysis;
  const l = analysis?.loudness ?? null;
  const targets = loudnessTargets(input.platforms, c);
  const loud = section(
    c.loudness,
    'loudness',
    l && l.timeline.length
      ? `<div class="keep"><div class="stats">
        <span class="stat"><small>${esc(c.integrated)}</small><b>${l.integratedLufs === null ? '—' : `${l.integratedLufs} LUFS`}</b></span>
        <span class="stat"><small>${esc(c.truePeak)}</small><b>${l.truePeakDbtp === null ? '—' : `${l.truePeakDbtp} dBTP`}</b></span>
        ${targets.map((t) => `<span class="stat"><small>${esc(t.label)}</small><b>${t.lufs} LUFS</b></span>`).join('')}
      </div>${loudnessChart({ timeline: l.timeline, stepSeconds: l.timelineStepSeconds, durationSeconds: duration, targets, cuts: cutsOf(r) })}</div>`
      : `<p class="muted">${esc(c.noLoudness)}</p>`,
  );

  const shots = analysis?.shots ?? null;
  const shotThumbs = (analysis?.thumbnails ?? []).filter((t) => t.kind === 'SHOT');
  const cuts = cutsOf(r);
  const shotStrip = section(
    c.shots,
    'shots',
    shots && shots.length
      ? `<p class="muted">${esc(c.shotCount(shots.length, analysis?.averageShotSeconds ?? null))}${cuts.length ? ` · ${esc(c.cuts)} ${cuts.map((x) => secs(x, lang)).join(', ')}` : ''}</p>
       ${shotBar(shots, duration)}
       <div class="strip">${shotThumbs
         .map((t) => {
           const url = opts.stills.get(t.key);
           return `<figure class="shot" style="aspect-ratio:${frameAspect}">${url ? `<img src="${esc(url)}" alt="">` : ''}<figcaption>${secs(t.atSeconds, lang)}</figcaption></figure>`;
         })
         .join('')}</div>`
      : `<p class="muted">${esc(c.noShots)}</p>`,
  );

  const t = r.transcript;
  const transcript = section(
    c.transcript,
    'transcript',
    t.available && t.segments.length
      ? `<ol class="transcript">${t.segments.map((s) => `<li><span class="time">${ts(s.start)}</span><span>${esc(s.text)}</span></li>`).join('')}</ol>`
      : `<p class="muted">${esc(c.noTranscript)}${!t.available && t.reason ? ` — ${esc(t.reason)}` : ''}</p>`,
  );

  const recs = [...f.recommendations].sort((a, b) => a.priority - b.priority);
  const actions = section(
    c.actions,
    'actions',
    recs.length
      ? `<ol class="actions">${recs
          .map(
            (a) => `<li><span class="rank">${a.priority}</span><div><p>${esc(a.text)}</p>
        <p class="chips"><span class="chip lvl-${esc(a.severity)}">${esc(c.severity[a.severity] ?? a.severity)}</span><span class="chip">${esc(c.impact)}: ${esc(c.severity[a.impact] ?? a.impact)}</span><span class="chip">${esc(c.effort)}: ${esc(c.severity[a.effort] ?? a.effort)}</span>${a.timestampLabel ? `<span class="time">${esc(a.timestampLabel)}</span>` : ''}</p></div></li>`,
          )
          .join('')}</ol>`
      : `<p class="muted">${esc(c.noActions)}</p>`,
  );

  const costBody = f.cost.items.length
    ? `<table class="cost"><thead><tr><th></th><th></th><th class="num"></th><th class="num">USD</th></tr></thead><tbody>${f.cost.items
        .map(
          (i) =>
            `<tr><td>${esc(i.model)}</td><td>${esc(i.purpose)}</td><td class="num">${i.quantity.toLocaleString('en-US')} ${esc(i.unit)}</td><td class="num">$${i.usd.toFixed(4)}</td></tr>`,
        )
        .join(
          '',
        )}</tbody><tfoot><tr><td colspan="3">${esc(c.total)}</td><td class="num"><b>$${f.cost.totalUsd.toFixed(4)}</b></td></tr></tfoot></table>`
    : `<p class="muted">${esc(c.offlineCost)}</p>`;
  const cost = section(
    c.cost,
    'cost',
    `${costBody}<p class="muted small">${esc(c.analysedBy)} ${esc(r.provider)}${r.model ? ` (${esc(r.model)})` : ''}</p>`,
  );

  const printNote = opts.forPdf
    ? ''
    : `<aside class="print-note no-print">${opts.pdfUrl ? `<a class="button" href="${esc(opts.pdfUrl)}">${esc(c.downloadPdf)}</a>` : ''}<span>${esc(c.printHowTo)}</span></aside>`;

  return `<!doctype html>
<html lang="${lang === 'pt' ? 'pt-BR' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(`${c.title} — ${input.title}`)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
${printNote}
${header}
${metrics}
${audiences}
${issues}
${checks}
${loud}
${shotStrip}
${transcript}
${actions}
${cost}
<footer class="muted small">${esc(c.generatedBy)} · ${esc(input.taskId)}</footer>
</main>
</body>
</html>`;
}

function section(title: string, id: string, body: string): string {
  return `<section class="card" id="${id}"><h2>${esc(title)}</h2>${body}</section>`;
}

function bar(score: number): string {
  const s = Math.max(0, Math.min(100, score));
  return `<div class="bar"><span style="width:${s}%;background:${gradeColor(gradeOf(s))}"></span></div>`;
}

function metricCard(m: ReturnType<typeof toCreativeFields>['creativeMetrics'][number], c: ReportCopy): string {
  const list = (items: string[], cls: string) =>
    items.length ? `<ul class="${cls}">${items.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : '';
  return `<div class="metric" data-testid="metric">
    <div class="metric-head"><span class="metric-title">${esc(m.title)}</span><span class="grade g-${esc(m.grade)}">${esc(m.grade)}</span><b>${m.score}</b></div>
    ${bar(m.score)}
    ${m.wentWell.length ? `<p class="label ok-t">${esc(c.wentWell)}</p>${list(m.wentWell, 'well')}` : ''}
    ${m.toImprove.length ? `<p class="label bad-t">${esc(c.toImprove)}</p>${list(m.toImprove, 'improve')}` : ''}
    ${m.source === 'rules' ? `<p class="muted tiny">${esc(c.estimatedByRules)}</p>` : ''}
  </div>`;
}

function cutsOf(r: StoredResult): number[] {
  const shots = r.mediaAnalysis?.shots ?? [];
  return shots.slice(1).map((s) => s.start);
}

/** The frame's display aspect ("16 / 9"), so stills and boxes keep their shape. */
function aspectOf(r: StoredResult): string {
  const v = r.media?.video;
  return v && v.displayWidth && v.displayHeight ? `${v.displayWidth} / ${v.displayHeight}` : '16 / 9';
}

function loudnessTargets(platforms: Platform[], c: ReportCopy): Array<{ lufs: number; label: string }> {
  const names = [
    ...new Set((platforms.length ? platforms : (['TIKTOK'] as Platform[])).map((p) => RULES.loudness.platformTargets[p]).filter(Boolean)),
  ];
  return names.map((n) => {
    const t = RULES.loudness.targets[n];
    return { lufs: t.integratedLufs, label: `${t.label} ${c.target}` };
  });
}

/**
 * Boxes found on the evidence, read generically: the perception step's `seen` entries ({ text,
 * box, frameKey }, pixels of the analysed frame `perception.frameWidth × frameHeight`), or `boxes`,
 * `evidenceBoxes` or `box` on the issue or its `evidenceDetail`, each as {x, y, width|w, height|h}
 * or {left, top, …} or {x0, y0, x1, y1}, in frame fractions (all ≤ 1) or pixels of the video's
 * display size (or of the box's own frameWidth/frameHeight).
 */
export function boxesOf(issue: object, r: StoredResult): Box[] {
  const o = issue as Record<string, unknown>;
  const detail = (o.evidenceDetail ?? {}) as Record<string, unknown>;
  const seen = Array.isArray(o.seen)
    ? (o.seen as Array<Record<string, unknown>>)
        .filter((x) => x && typeof x === 'object' && x.box && typeof x.box === 'object')
        .map((x) => ({ ...(x.box as object), text: x.text, drawnOn: x.frameKey }))
    : [];
  const raw = [seen, o.boxes, o.evidenceBoxes, o.box ? [o.box] : null, detail.boxes, detail.box ? [detail.box] : null].find(
    (v) => Array.isArray(v) && v.length,
  ) as unknown[] | undefined;
  if (!raw) return [];
  const perception = (r as { perception?: { frameWidth?: number; frameHeight?: number } | null }).perception;
  const fromSeen = raw === seen && perception?.frameWidth && perception.frameHeight;
  const fw = fromSeen ? perception!.frameWidth! : (r.media?.video?.displayWidth ?? r.media?.video?.width ?? 0);
  const fh = fromSeen ? perception!.frameHeight! : (r.media?.video?.displayHeight ?? r.media?.video?.height ?? 0);
  const out: Box[] = [];
  for (const b of raw) {
    if (!b || typeof b !== 'object') continue;
    const q = b as Record<string, unknown>;
    const n = (k: string) => (typeof q[k] === 'number' && Number.isFinite(q[k]) ? (q[k] as number) : null);
    let x = n('x') ?? n('left') ?? n('x0');
    let y = n('y') ?? n('top') ?? n('y0');
    let w = n('width') ?? n('w') ?? (n('x1') !== null && x !== null ? n('x1')! - x : null);
    let h = n('height') ?? n('h') ?? (n('y1') !== null && y !== null ? n('y1')! - y : null);
    if (x === null || y === null || w === null || h === null || w <= 0 || h <= 0) continue;
    if (Math.max(x, y, w, h) > 1) {
      const W = n('frameWidth') ?? fw;
      const H = n('frameHeight') ?? fh;
      if (!W || !H) continue;
      [x, y, w, h] = [x / W, y / H, w / W, h / H];
    }
    const label = [q.text, q.label, q.word].find((v) => typeof v === 'string' && v.trim()) as string | undefined;
    const clamp = (v: number) => Math.max(0, Math.min(1, v));
    out.push({
      x: clamp(x),
      y: clamp(y),
      w: clamp(Math.min(w, 1 - x)),
      h: clamp(Math.min(h, 1 - y)),
      label: label ?? null,
      drawnOn: typeof q.drawnOn === 'string' ? q.drawnOn : null,
    });
  }
  return out;
}
