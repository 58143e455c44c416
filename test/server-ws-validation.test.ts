// The WebSocket path validates and masks like HTTP: in production (introspection off) neither
// answers __schema/__type or names fields in "Did you mean" suggestions. Real server, real graphql-ws.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from './helpers/app.js';

type Outcome = { data?: unknown; errors: { message: string; extensions?: Record<string, unknown> }[] };

/** One operation over the socket: its data, or the errors the server refused it with. */
function once(client: Client, query: string): Promise<Outcome> {
  return new Promise((resolve) => {
    let data: unknown;
    const errors: Outcome['errors'] = [];
    client.subscribe(
      { query },
      {
        next: (r) => {
          if (r.data) data = r.data;
          if (r.errors) errors.push(...(r.errors as Outcome['errors']));
        },
        error: (e) => resolve({ data, errors: Array.isArray(e) ? e : [{ message: `closed: ${(e as { code?: number }).code}` }] }),
        complete: () => resolve({ data, errors }),
      },
    );
  });
}

async function overHttp(t: TestApp, query: string): Promise<Outcome> {
  const res = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token}` }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { data?: unknown; errors?: Outcome['errors'] };
  return { data: body.data, errors: body.errors ?? [] };
}

const codesOf = (o: Outcome) => o.errors.map((e) => e.extensions?.code);

describe('WebSocket validation in production', () => {
  let t: TestApp;
  let ws: Client;
  beforeAll(async () => {
    t = await startTestApp({
      role: 'api',
      env: { NODE_ENV: 'production', JWT_SECRET: 'production-test-secret-0123456789abcdef', STORAGE_SIGNING_SECRET: 'production-signing-secret-0123456789', AUTH_CACHE_SECONDS: '0' },
    });
    ws = t.ws();
  });
  afterAll(() => t?.stop());

  it('refuses introspection over WebSocket, as over HTTP', async () => {
    for (const query of ['{ __schema { queryType { name } } }', '{ __type(name: "Query") { name } }', 'query { health { ok } a: __schema { types { name } } }']) {
      const http = await overHttp(t, query);
      const socket = await once(ws, query);
      expect({ query, codes: codesOf(http), data: http.data ?? null }).toEqual({ query, codes: ['GRAPHQL_VALIDATION_FAILED'], data: null });
      expect({ query, codes: codesOf(socket), data: socket.data ?? null }).toEqual({ query, codes: ['GRAPHQL_VALIDATION_FAILED'], data: null });
      expect(socket.errors.map((e) => e.message)).toEqual(http.errors.map((e) => e.message));
    }
    // Not a blanket refusal: ordinary operations (and __typename) still run over the socket.
    expect((await once(ws, '{ __typename health { ok } }')).data).toEqual({ __typename: 'Query', health: { ok: true } });
  });

  it('hides field suggestions over WebSocket, as over HTTP', async () => {
    for (const query of ['subscription { taskUpdatd(taskId: "00000000-0000-4000-8000-000000000000") { sequence } }', '{ helth { ok } }', '{ health { okk } }']) {
      const http = await overHttp(t, query);
      const socket = await once(ws, query);
      expect(codesOf(socket)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      for (const o of [http, socket]) {
        expect(o.errors[0]!.message).not.toMatch(/Did you mean/);
        expect(o.errors[0]!.message).toContain('[Suggestion hidden]');
      }
      expect(socket.errors[0]!.message).toBe(http.errors[0]!.message);
    }
  });

  it('applies the depth and alias limits, and sends no transport details in extensions', async () => {
    let sel = 'id';
    for (let i = 0; i < 8; i++) sel = `tasks { video { ${sel} } }`;
    const deep = await once(ws, `{ videos { edges { node { ${sel} } } } }`);
    expect(deep.data).toBeUndefined();
    expect(new Set(codesOf(deep))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: health { ok }`).join(' ');
    const refused = await once(ws, `{ ${aliases} }`);
    expect(refused.data).toBeUndefined();
    expect(refused.errors.length).toBeGreaterThan(0);
    // A credential refused at subscribe time (its user is gone since the socket connected): the
    // code, as over HTTP, without Apollo's HTTP status and headers in extensions.
    const other = await t.signUp();
    // Not lazy: one socket for both operations.
    const socket = createClient({ url: t.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${other.token}` }, lazy: false, retryAttempts: 0, onNonLazyError: () => {} });
    expect((await once(socket, '{ health { ok } }')).data).toEqual({ health: { ok: true } });
    await t.app.db.query('DELETE FROM users WHERE id = $1', [other.userId]);
    const gone = await once(socket, '{ health { ok } }');
    // (Deleting the user deleted its sessions too: the token's session has ended.)
    expect(gone.errors.map((e) => e.extensions)).toEqual([{ code: 'UNAUTHENTICATED', reason: 'revoked' }]);
    await socket.dispose();
  });
});
