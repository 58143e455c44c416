import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkedAddress, classifyAddress } from '../../../src/datasources/webhooks/address.js';
import { parseRetryAfter, sendWebhook } from '../../../src/datasources/webhooks/sender.js';

describe('classifyAddress', () => {
  it.each([
    ['8.8.8.8', 'allowed'], ['1.1.1.1', 'allowed'], ['2606:4700:4700::1111', 'allowed'],
    ['127.0.0.1', 'private'], ['127.8.9.10', 'private'], ['10.0.0.1', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'], ['100.64.0.1', 'private'], ['::1', 'private'], ['fd12:3456::1', 'private'],
    ['::ffff:127.0.0.1', 'private'], ['::ffff:7f00:1', 'private'], ['::ffff:10.0.0.1', 'private'],
    ['169.254.169.254', 'blocked'], ['169.254.1.1', 'blocked'], ['fe80::1', 'blocked'], ['fd00:ec2::254', 'blocked'], ['100.100.100.200', 'blocked'],
    ['0.0.0.0', 'blocked'], ['::', 'blocked'], ['224.0.0.1', 'blocked'], ['255.255.255.255', 'blocked'], ['::ffff:169.254.169.254', 'blocked'],
    ['not-an-ip', 'blocked'],
  ])('%s is %s', (a, v) => expect(classifyAddress(a)).toBe(v));
  it('172.32.0.1 is outside 172.16/12', () => expect(classifyAddress('172.32.0.1')).toBe('allowed'));
});

describe('checkedAddress', () => {
  const resolver = (answers: Record<string, string[]>) => async (h: string) => (answers[h] ?? []).map((address) => ({ address, family: (address.includes(':') ? 6 : 4) as 4 | 6 }));
  it('refuses a name when any of its addresses is internal', async () => {
    expect(await checkedAddress('a.example', resolver({ 'a.example': ['8.8.8.8', '10.0.0.1'] }), false)).toEqual({ refused: 'ADDRESS_NOT_ALLOWED' });
    expect(await checkedAddress('a.example', resolver({ 'a.example': ['8.8.8.8', '2606:4700::1'] }), false)).toEqual({ address: '8.8.8.8', family: 4 });
    expect(await checkedAddress('gone.example', resolver({}), false)).toEqual({ refused: 'UNRESOLVABLE' });
  });
  it('allows loopback only when private addresses are allowed; link-local never', async () => {
    expect(await checkedAddress('[::1]', resolver({}), true)).toEqual({ address: '::1', family: 6 });
    expect(await checkedAddress('127.0.0.1', resolver({}), false)).toEqual({ refused: 'ADDRESS_NOT_ALLOWED' });
    expect(await checkedAddress('169.254.169.254', resolver({}), true)).toEqual({ refused: 'ADDRESS_NOT_ALLOWED' });
  });
});

describe('sendWebhook', () => {
  it('connects to the checked address, not to a second resolution of the name; follows no redirect; times out', async () => {
    const hits: string[] = [];
    const server = http.createServer((req, res) => {
      hits.push(`${req.headers.host} ${req.url}`);
      if (req.url === '/slow') return; // never answers
      res.writeHead(req.url === '/moved' ? 302 : 200, req.url === '/moved' ? { location: '/elsewhere' } : {});
      res.end('fine');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    let lookups = 0;
    // A name that resolves to loopback once, and to a blocked address on any later lookup.
    const resolve = async () => [{ address: lookups++ === 0 ? '127.0.0.1' : '169.254.169.254', family: 4 as const }];
    const base = { headers: {}, body: '{}', timeoutMs: 500, resolve, allowPrivate: true };
    try {
      const ok = await sendWebhook({ ...base, url: `http://hooks.example:${port}/ok` });
      expect(ok).toMatchObject({ statusCode: 200, errorCode: null, responseExcerpt: 'fine' });
      expect(lookups).toBe(1);
      expect(hits).toEqual([`hooks.example:${port} /ok`]);
      lookups = 0;
      const moved = await sendWebhook({ ...base, url: `http://hooks.example:${port}/moved` });
      expect(moved.statusCode).toBe(302);
      expect(hits).not.toContain(`hooks.example:${port} /elsewhere`);
      lookups = 0;
      const slow = await sendWebhook({ ...base, url: `http://hooks.example:${port}/slow` });
      expect(slow).toMatchObject({ statusCode: null, errorCode: 'TIMEOUT' });
      // The second lookup answers a blocked address: refused before any connection.
      const n = hits.length;
      expect((await sendWebhook({ ...base, url: `http://hooks.example:${port}/ok` })).errorCode).toBe('ADDRESS_NOT_ALLOWED');
      expect(hits).toHaveLength(n);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 1, 0)).toUTCString(), Date.UTC(2030, 0, 1, 0, 0, 0))).toBe(60);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(undefined)).toBeNull();
  });
});
