// The verified-token memo (src/auth/tokens.ts) changes no answer: a remembered token still expires at
// its own `exp`, and a token it has not seen (a forged one beside a good one) is still checked.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { TokenService } from '../../src/auth/tokens.js';

const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40) });
const user = { id: '7c0d8a3e-8d2b-4c56-9f53-2d0f3c8f1e11', email: 'a@example.com', role: 'user' as const };

describe('verified tokens remembered until their expiry', () => {
  afterEach(() => vi.useRealTimers());

  it('answers a remembered token, refuses it once expired, and still checks a tampered one', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const tokens = new TokenService(config.auth, 'x'.repeat(40));
    const { token, expiresAt } = await tokens.issueAccessToken(user, 'family-1');
    expect((await tokens.verify(token)).sub).toBe(user.id);
    expect((await tokens.verify(token)).sid).toBe('family-1');
    // A one-character change to the signature is a different string: never served from memory.
    const tampered = token.slice(0, -2) + (token.at(-2) === 'A' ? 'B' : 'A') + token.at(-1);
    await expect(tokens.verify(tampered)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    vi.setSystemTime(expiresAt.getTime() + 1_000);
    await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'expired' } });
  });
});
