// Serves /reports/<taskId>?exp&sig: the signed link is the credential (like the stills'), so a
// browser opens it with no token. HTML by default; ?format=pdf prints the same page with headless
// Chromium when one is installed (the stills inlined, so the browser fetches nothing).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { isAppError } from '../errors.js';
import { isUuid, TaskStatus } from '../domain/model.js';
import type { Logger } from '../logger.js';
import type { TasksRepo } from '../datasources/postgres/tasks.js';
import type { VideosRepo } from '../datasources/postgres/videos.js';
import type { Storage } from '../datasources/storage/types.js';
import { readStoredResult } from '../pipeline/result.js';
import { findChromium, printToPdf } from '../datasources/chromium.js';
import { renderReport, stillKeys, type ReportInput } from './html.js';
import { REPORT_PATH_PREFIX, type ReportLinks } from './links.js';
import { esc } from './escape.js';

export interface ReportServiceDeps {
  links: ReportLinks;
  tasks: TasksRepo;
  videos: VideosRepo;
  storage: Storage;
  logger: Logger;
  /** REPORT_CHROMIUM_PATH; found on PATH when absent. */
  chromiumPath?: string;
}

/** Stills inlined into a PDF are small JPEGs; a bound keeps a malformed result from filling memory. */
const MAX_INLINE_BYTES = 4_000_000;
/** Chromium processes printing at once in this process (each takes ~1 s of CPU and ~150 MB). */
const MAX_PDF_PRINTS = 2;

export class ReportService {
  private chromium: Promise<string | null> | undefined;
  private printing = 0;
  constructor(private readonly deps: ReportServiceDeps) {}

  /** The Chromium binary, looked up once. */
  chromiumBinary(): Promise<string | null> {
    return (this.chromium ??= findChromium(this.deps.chromiumPath));
  }

  /** The page's input, or null when the task has no finished result. */
  async load(taskId: string): Promise<ReportInput | null> {
    const task = await this.deps.tasks.get(taskId);
    if (!task || task.status !== TaskStatus.COMPLETED || !task.result) return null;
    const video = await this.deps.videos.get(task.video_id);
    return {
      taskId: task.id,
      title: video?.title || video?.filename || task.id,
      finishedAt: task.finished_at,
      platforms: task.options.platforms ?? [],
      result: readStoredResult(task.result),
    };
  }

  async html(input: ReportInput, selfUrl: string): Promise<{ html: string; imageOrigins: string[] }> {
    const stills = new Map<string, string>();
    for (const key of stillKeys(input)) stills.set(key, await this.deps.storage.presignDownload(key));
    const pdf = (await this.chromiumBinary()) ? `${selfUrl}&format=pdf` : null;
    const origins = [...new Set([...stills.values()].map((u) => new URL(u).origin))];
    return { html: renderReport(input, { stills, pdfUrl: pdf }), imageOrigins: origins };
  }

  async pdf(input: ReportInput, chromium: string, signal?: AbortSignal): Promise<Buffer> {
    const stills = new Map<string, string>();
    for (const key of stillKeys(input)) {
      const bytes = await readAll(await this.deps.storage.getObjectStream(key), MAX_INLINE_BYTES).catch(() => null);
      if (bytes) stills.set(key, `data:image/jpeg;base64,${bytes.toString('base64')}`);
    }
    return printToPdf(chromium, renderReport(input, { stills, pdfUrl: null, forPdf: true }), { signal });
  }

  handler(): (req: IncomingMessage, res: ServerResponse) => boolean {
    return (req, res) => {
      const raw = req.url ?? '/';
      if (!raw.startsWith(REPORT_PATH_PREFIX)) return false;
      this.serve(req, res).catch((e) => {
        this.deps.logger.error('report failed', { error: e });
        if (!res.headersSent) page(res, 500, 'The report could not be made.');
        else res.destroy();
      });
      return true;
    };
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return page(res, 405, 'Method not allowed.');
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const taskId = url.pathname.slice(REPORT_PATH_PREFIX.length);
    const format = url.searchParams.get('format') ?? 'html';
    const signed = new URLSearchParams([...url.searchParams].filter(([k]) => k !== 'format'));
    if (!isUuid(taskId)) return page(res, 404, 'No such report.');
    try {
      this.deps.links.verify(taskId, signed);
    } catch (e) {
      const expired = isAppError(e) && e.details?.reason === 'expired';
      return page(
        res,
        403,
        expired ? 'This report link has expired: ask for a new one (Task.reportUrl).' : 'This report link is not valid.',
      );
    }
    const input = await this.load(taskId);
    if (!input) return page(res, 404, 'This task has no finished result.');
    // The link itself, without format: the page's "Download PDF" adds it back.
    const selfUrl = `${REPORT_PATH_PREFIX}${taskId}?${signed.toString()}`;
    res.setHeader('Cache-Control', 'private, no-store');
    const chromium = format === 'pdf' ? await this.chromiumBinary() : null;
    if (format === 'pdf' && chromium) {
      if (this.printing >= MAX_PDF_PRINTS) {
        res.setHeader('Retry-After', '5');
        return page(res, 503, 'Busy printing other reports: try again in a few seconds.');
      }
      this.printing++;
      const pdf = await this.pdf(input, chromium).finally(() => this.printing--);
      res.writeHead(200, {
        'Content-Type': 'application/pdf',
        'Content-Length': String(pdf.length),
        'Content-Disposition': `inline; filename="klike-report-${taskId.slice(0, 8)}.pdf"`,
      });
      return void res.end(req.method === 'HEAD' ? undefined : pdf);
    }
    // Without Chromium, ?format=pdf gets the page, which tells how to print it to PDF.
    const { html, imageOrigins } = await this.html(input, selfUrl);
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      // Nothing but our stills may load: no script at all, no outside font or style.
      'Content-Security-Policy': `default-src 'none'; img-src 'self' data: ${imageOrigins.join(' ')}; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    });
    res.end(req.method === 'HEAD' ? undefined : html);
  }
}

function page(res: ServerResponse, status: number, message: string): void {
  const body = `<!doctype html><html><head><meta charset="utf-8"><title>Klike report</title><style>body{font:16px system-ui,sans-serif;color:#141a2e;background:#f4f6fb;display:grid;place-items:center;min-height:90vh}p{background:#fff;border:1px solid #e4e7ef;border-radius:12px;padding:20px 24px}</style></head><body><p>${esc(message)}</p></body></html>`;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

async function readAll(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of stream) {
    size += (c as Buffer).length;
    if (size > limit) {
      stream.destroy();
      throw new Error('still too large to inline');
    }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}
