// Brute force and enumeration: failed sign-ins are counted per account from every address (a fresh
// address gets no fresh tries), with the same answer for unknown emails and for the right password
// while locked; per-address limits count an IPv6 /64 as one address. Client addresses come from
// X-Forwarded-For (TRUST_PROXY).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { codes, startTestApp, type TestApp } from '../helpers/app.js';
import { SignInDocument, SignUpDocument } from '../generated/graphql.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    role: 'api',
    env: { TRUST_PROXY: 'true', AUTH_FAILURES_PER_ACCOUNT: '3', AUTH_FAILURE_WINDOW_SECONDS: '600', AUTH_RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_WINDOW_SECONDS: '60' },
  });
});
afterAll(() => t?.stop());

const PASSWORD = 'correct horse battery';
const from = (ip: string) => ({ authorization: '', 'x-forwarded-for': ip });
const signIn = (email: string, password: string, ip: string) => t.gql(SignInDocument, { input: { email, password } }, from(ip));

describe('per-account sign-in failures', () => {
  it('locks the account after its failures, from any address, even for the right password; an unknown email alike', async () => {
    const email = `victim-${randomUUID()}@example.com`;
    expect(codes(await t.gql(SignUpDocument, { input: { email, password: PASSWORD } }, from('192.0.2.1')))).toEqual([]);
    const unknown = `nobody-${randomUUID()}@example.com`;
    // Each failure from a different address: the per-address limit never trips.
    for (const [i, who] of [email, unknown].entries())
      for (let n = 1; n <= 3; n++) expect(codes(await signIn(who, `wrong password ${n}`, `198.51.100.${i * 10 + n}`))).toEqual(['UNAUTHENTICATED']);
    const locked = await signIn(email, 'wrong password 4', '198.51.100.50');
    expect(codes(locked)).toEqual(['RATE_LIMITED']);
    expect(locked.errors![0]!.extensions).toMatchObject({ scope: 'account' });
    const retryAfter = locked.errors![0]!.extensions!.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThan(60);
    expect(retryAfter).toBeLessThanOrEqual(600);
    // The right password does not get through (the lock is no oracle), nor an unknown email.
    expect(codes(await signIn(email, PASSWORD, '198.51.100.51'))).toEqual(['RATE_LIMITED']);
    const unknownLocked = await signIn(unknown, PASSWORD, '198.51.100.52');
    expect(codes(unknownLocked)).toEqual(['RATE_LIMITED']);
    expect(unknownLocked.errors![0]!.message).toBe(locked.errors![0]!.message.replace(/\d+ s$/, `${unknownLocked.errors![0]!.extensions!.retryAfterSeconds} s`));
    // Another account from the same address is not affected.
    const other = `other-${randomUUID()}@example.com`;
    await t.gql(SignUpDocument, { input: { email: other, password: PASSWORD } }, from('192.0.2.2'));
    expect(codes(await signIn(other, PASSWORD, '198.51.100.51'))).toEqual([]);
    // After the window the right password works again (the clock is moved, not slept).
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    try {
      vi.setSystemTime(Date.now() + retryAfter * 1000 + 1);
      expect(codes(await signIn(email, PASSWORD, '198.51.100.53'))).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a successful sign-in forgives earlier failures', async () => {
    const email = `forgetful-${randomUUID()}@example.com`;
    await t.gql(SignUpDocument, { input: { email, password: PASSWORD } }, from('192.0.2.3'));
    for (let n = 1; n <= 2; n++) expect(codes(await signIn(email, 'wrong password', `198.51.100.${60 + n}`))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await signIn(email, PASSWORD, '198.51.100.63'))).toEqual([]);
    for (let n = 1; n <= 3; n++) expect(codes(await signIn(email, 'wrong password', `198.51.100.${70 + n}`))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await signIn(email, 'wrong password', '198.51.100.74'))).toEqual(['RATE_LIMITED']);
  });
});

describe('per-address limits and IPv6', () => {
  it('counts every address of an IPv6 /64 as one; the next /64 is another client', async () => {
    const same64 = ['2001:db8:9:1::1', '2001:db8:9:1::2', '2001:db8:9:1:abcd::3', '2001:0db8:0009:0001:ffff:ffff:ffff:fffe', '2001:db8:9:1:1:2:3:4'];
    // Different emails each time: only the address budget (5 per window) is in play.
    for (const ip of same64) expect(codes(await signIn(`v6-${randomUUID()}@example.com`, 'wrong password', ip))).toEqual(['UNAUTHENTICATED']);
    const limited = await signIn(`v6-${randomUUID()}@example.com`, 'wrong password', '2001:db8:9:1:dead:beef:0:1');
    expect(codes(limited)).toEqual(['RATE_LIMITED']);
    expect(limited.errors![0]!.extensions?.scope).toBeUndefined();
    expect(codes(await signIn(`v6-${randomUUID()}@example.com`, 'wrong password', '2001:db8:9:2::1'))).toEqual(['UNAUTHENTICATED']);
    // IPv4 stays per address, also written as IPv4-mapped IPv6.
    for (let n = 1; n <= 5; n++) expect(codes(await signIn(`v4-${randomUUID()}@example.com`, 'wrong password', n % 2 ? '203.0.113.7' : '::ffff:203.0.113.7'))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await signIn(`v4-${randomUUID()}@example.com`, 'wrong password', '203.0.113.7'))).toEqual(['RATE_LIMITED']);
    expect(codes(await signIn(`v4-${randomUUID()}@example.com`, 'wrong password', '203.0.113.8'))).toEqual(['UNAUTHENTICATED']);
  });
});
