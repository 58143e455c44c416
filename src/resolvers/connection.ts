// Relay connection from a keyset page.
import { encodeCursor, type Page } from '../datasources/postgres/pagination.js';

export async function toConnection<R extends { created_at: Date; id: string }, N>(
  page: Page<R>,
  after: string | null | undefined,
  map: (row: R) => N,
) {
  const edges = page.rows.map((r) => ({ cursor: encodeCursor(r), node: map(r) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: await page.totalCount(),
  };
}
