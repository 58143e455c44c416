// Relay-style keyset pagination, newest first. Cursors are opaque: base64url of "createdAt|id".
import type { Executor } from './db.js';
import { badInput } from '../../errors.js';
import { isUuid } from '../../domain/model.js';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Page<T> {
  rows: T[];
  hasNextPage: boolean;
  totalCount: () => Promise<number>;
}

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;

export function encodeCursor(row: { created_at: Date; id: string }): string {
  return Buffer.from(`${row.created_at.toISOString()}|${row.id}`).toString('base64url');
}

/** What encodeCursor writes: Date#toISOString of a 4-digit year, "|", a uuid. */
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/**
 * Rows are stamped with the database clock, so a cursor outside this range was not written by us
 * (and one outside Postgres' timestamptz range would fail the query as "timestamp out of range").
 */
export const CURSOR_MIN_TIME = Date.UTC(1970, 0, 1);
export const CURSOR_MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Exactly what encodeCursor writes, or BAD_USER_INPUT (argument "after"). */
export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const invalid = (why: string) => badInput(`Invalid cursor: ${why}`, { argument: 'after' });
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw invalid('not a cursor this API wrote');
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const [ts, id] = parts;
  if (parts.length !== 2 || !CURSOR_TIME.test(ts!) || !isUuid(id!)) throw invalid('not a cursor this API wrote');
  const createdAt = new Date(ts!);
  const ms = createdAt.getTime();
  // The round trip refuses days that do not exist (2024-02-30), which Date would roll over.
  if (Number.isNaN(ms) || createdAt.toISOString() !== ts) throw invalid('not a cursor this API wrote');
  if (ms < CURSOR_MIN_TIME || ms > CURSOR_MAX_TIME) throw invalid('its time is out of range');
  return { createdAt, id: id! };
}

export interface ListFilter {
  /** undefined: everyone's (admins); null: owner-less rows; else that owner's. */
  ownerId?: string | null;
  status?: string | null;
}

export async function pageQuery<T extends { created_at: Date; id: string }>(
  db: Executor,
  table: 'videos' | 'tasks',
  filter: ListFilter,
  args: PageArgs,
): Promise<Page<T>> {
  const first = args.first ?? DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE)
    throw badInput(`first must be between 0 and ${MAX_PAGE}`, { argument: 'first' });
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.ownerId !== undefined) {
    params.push(filter.ownerId);
    where.push(`owner_id IS NOT DISTINCT FROM $${params.length}`);
  }
  if (filter.status) {
    params.push(filter.status);
    where.push(`status = $${params.length}`);
  }
  const filterWhere = [...where];
  const filterParams = [...params];
  if (args.after) {
    const c = decodeCursor(args.after);
    params.push(c.createdAt, c.id);
    where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(first + 1);
  const sql = `SELECT * FROM ${table} ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
               ORDER BY created_at DESC, id DESC LIMIT $${params.length}`;
  const rows = await db.query<T>(sql, params);
  return {
    rows: rows.slice(0, first),
    hasNextPage: rows.length > first,
    totalCount: async () => {
      const [r] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} ${filterWhere.length ? 'WHERE ' + filterWhere.join(' AND ') : ''}`,
        filterParams,
      );
      return r!.n;
    },
  };
}
