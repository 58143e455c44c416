import { describe, expect, it } from 'vitest';
import { boxesOf, renderReport, stillKeys, type ReportInput } from '../../src/report/html.js';
import { ReportLinks } from '../../src/report/links.js';
import type { StoredResult } from '../../src/pipeline/result.js';
import { Platform } from '../../src/domain/model.js';

function result(over: Partial<StoredResult> = {}): StoredResult {
  return {
    version: 1, score: 62, grade: 'B', scoreBeforePenalties: 70, abcdScore: 50, summary: 'Resumo <b>curto</b>', provider: 'offline', model: 'rules-v2', promptVersion: null, ruleBased: true,
    media: { durationSeconds: 4, video: { width: 1080, height: 1920, displayWidth: 1080, displayHeight: 1920 } } as never,
    mediaAnalysis: {
      loudness: { integratedLufs: -15, rangeLu: 3, truePeakDbtp: -1.5, maxShortTermLufs: -12, maxMomentaryLufs: -10, timeline: [null, -16, -14, -15], timelineStepSeconds: 1 },
      shots: [{ start: 0, end: 2 }, { start: 2, end: 4 }], averageShotSeconds: 2,
      thumbnails: [{ kind: 'POSTER', atSeconds: 2, key: 'processed/t/poster.jpg' }, { kind: 'SHOT', atSeconds: 0, key: 'processed/t/s0.jpg' }, { kind: 'SHOT', atSeconds: 2, key: 'processed/t/s1.jpg' }],
    } as never,
    transcript: { available: true, engine: 'x', language: 'pt', text: 'Compre agora', segments: [{ start: 1.2, end: 2, text: 'Compre agora', confidence: null }] },
    checks: [{ code: 'DYNAMIC_START', title: 'Início dinâmico', passed: true, rule: 'r', threshold: 't', evidence: 'corte em 2 s', atSeconds: 2 }],
    detectedIssues: [{ code: 'SAFE_ZONE_TEXT', severity: 'HIGH', penalty: 10, title: 'Texto na zona <insegura>', detail: 'd', atSeconds: 2.1, platforms: ['TIKTOK'], evidence: 'e', boxes: [{ x: 108, y: 1536, width: 540, height: 96, text: 'OFERTA' }] } as never],
    recommendations: [],
    language: 'pt',
    ...over,
  };
}
const input = (r: StoredResult): ReportInput => ({ taskId: 't', title: 'Anúncio "verão"', finishedAt: new Date('2026-12-01T09:00:00Z'), platforms: [Platform.TIKTOK, Platform.SNAPCHAT], result: r });

describe('renderReport', () => {
  it('writes Portuguese for a Portuguese result, escapes what the result says, and has no script or outside reference', () => {
    const stills = new Map(stillKeys(input(result())).map((k) => [k, `/storage/object/${k}?sig=1`]));
    const html = renderReport(input(result()), { stills, pdfUrl: null });
    expect(html).toContain('<html lang="pt-BR">');
    expect(html).toContain('Problemas encontrados');
    expect(html).toContain('Imprimir');
    expect(html).toContain('Resumo &lt;b&gt;curto&lt;/b&gt;');
    expect(html).toContain('Texto na zona &lt;insegura&gt;');
    expect(html).not.toMatch(/<script|<link|@import|https?:\/\//i);
    // Both platforms' loudness targets are drawn (social −14, Snapchat −16).
    expect(html).toMatch(/-14 LUFS/);
    expect(html).toMatch(/-16 LUFS/);
    expect(html).toContain('data-testid="evidence-still"');
  });

  it('reads boxes in pixels of the display frame or as fractions, and skips malformed ones', () => {
    const r = result();
    expect(boxesOf(r.detectedIssues[0]!, r)).toEqual([{ x: 0.1, y: 0.8, w: 0.5, h: 0.05, label: 'OFERTA', drawnOn: null }]);
    expect(boxesOf({ evidenceBoxes: [{ left: 0.1, top: 0.2, w: 0.3, h: 0.4 }, { x: 1, y: 2 }] }, r)).toEqual([{ x: 0.1, y: 0.2, w: 0.3, h: 0.4, label: null, drawnOn: null }]);
    expect(boxesOf({ evidenceDetail: { box: { x0: 0, y0: 0, x1: 540, y1: 960, label: 'rosto' } } }, r)).toEqual([{ x: 0, y: 0, w: 0.5, h: 0.5, label: 'rosto', drawnOn: null }]);
    expect(boxesOf({}, r)).toEqual([]);
  });

  it('reads the perception step’s `seen` evidence in its analysed frame’s pixels, and does not redraw boxes already on its still', () => {
    const r = { ...result(), perception: { frameWidth: 540, frameHeight: 960 } } as StoredResult;
    const issue = { ...r.detectedIssues[0]!, boxes: undefined, seen: [{ kind: 'text', text: 'OFERTA', atSeconds: 2, box: { x: 54, y: 768, w: 270, h: 48 }, frameKey: 'processed/t/poster.jpg' }] };
    expect(boxesOf(issue, r)).toEqual([{ x: 0.1, y: 0.8, w: 0.5, h: 0.05, label: 'OFERTA', drawnOn: 'processed/t/poster.jpg' }]);
    const withSeen = { ...r, detectedIssues: [{ ...issue, atSeconds: 2 }] } as StoredResult;
    const stills = new Map(stillKeys(input(withSeen)).map((k) => [k, `/storage/object/${k}`]));
    const html = renderReport(input(withSeen), { stills, pdfUrl: null });
    // The still shown (at 2 s) already has the box: the words are listed, no overlay is drawn.
    expect(html).toContain('data-testid="evidence-still"');
    expect(html).not.toContain('data-testid="evidence-boxes"');
    expect(html).toContain('“OFERTA”');
  });
});

describe('ReportLinks', () => {
  it('verifies its own links and refuses edited or expired ones', () => {
    let now = Date.UTC(2026, 11, 1);
    const links = new ReportLinks({ secret: 's'.repeat(32), publicBaseUrl: () => 'http://localhost:1', ttlSeconds: 60, now: () => now });
    const u = new URL(links.url('11111111-1111-4111-8111-111111111111'));
    expect(() => links.verify('11111111-1111-4111-8111-111111111111', u.searchParams)).not.toThrow();
    expect(() => links.verify('22222222-2222-4222-8222-222222222222', u.searchParams)).toThrow(expect.objectContaining({ code: 'FORBIDDEN', details: { reason: 'invalid' } }));
    now += 61_000;
    expect(() => links.verify('11111111-1111-4111-8111-111111111111', u.searchParams)).toThrow(expect.objectContaining({ details: { reason: 'expired' } }));
  });
});
