// What uploadVideo accepts (a Node path, bytes, a browser Blob/File) turned into a fetch body with
// its size and type known up front: the signed URL is bound to the declared size and content type.

/** A file path (Node), bytes (Buffer, Uint8Array, ArrayBuffer) or a Blob/File (browsers and Node). */
export type UploadSource = string | Blob | Uint8Array | ArrayBuffer;

const TYPES: Record<string, string> = {
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  avi: 'video/x-msvideo',
  mpg: 'video/mpeg',
  mpeg: 'video/mpeg',
};

/** The video content type for a file name, from its extension. (Default: video/mp4) */
export function contentTypeFor(filename: string): string {
  return TYPES[filename.split('.').pop()?.toLowerCase() ?? ''] ?? 'video/mp4';
}

export interface UploadBody {
  filename: string;
  contentType: string;
  size: number;
  /** The body (and `duplex` when it is a stream that reports progress). */
  init(onProgress?: (sent: number, total: number) => void): RequestInit;
}

export async function toUploadBody(source: UploadSource, opts: { filename?: string; contentType?: string }): Promise<UploadBody> {
  let blob: Blob;
  let name: string | undefined;
  if (typeof source === 'string') {
    // Node only. openAsBlob reads from disk as the body is sent: a 2 GB file is never held in memory.
    const [fs, path] = await Promise.all([import('node:fs'), import('node:path')]);
    try {
      blob = await fs.openAsBlob(source);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const { KlikeError } = await import('./client.js');
      throw new KlikeError('FILE_NOT_FOUND', err.code === 'ENOENT' ? `no such file: ${source}` : `cannot read ${source}: ${err.message}`, { path: source });
    }
    name = path.basename(source);
  } else if (source instanceof Blob) {
    blob = source;
    name = (source as Blob & { name?: string }).name;
  } else {
    blob = new Blob([source instanceof ArrayBuffer ? new Uint8Array(source) : (source as Uint8Array<ArrayBuffer>)]);
  }
  const filename = opts.filename ?? name ?? 'video.mp4';
  const contentType = opts.contentType ?? (blob.type || contentTypeFor(filename));
  const size = blob.size;
  return {
    filename,
    contentType,
    size,
    init(onProgress) {
      if (!onProgress) return { body: blob };
      let sent = 0;
      const counted = blob.stream().pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            sent += chunk.byteLength;
            onProgress(sent, size);
            controller.enqueue(chunk);
          },
        }),
      );
      // A stream body needs `duplex: 'half'` (fetch spec) and an explicit length: storage (S3, the
      // local driver) refuses chunked uploads to a URL signed for a size.
      return { body: counted, duplex: 'half', headers: { 'content-length': String(size) } } as RequestInit;
    },
  };
}
