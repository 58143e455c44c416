import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { newWebhookSecret, webhookHeaders } from '../../src/services/webhook-signing.js';
import { WebhookService } from '../../src/services/webhooks.js';

describe('Standard Webhooks signing', () => {
  it('verifies with the reference implementation, with either secret during a rotation', () => {
    const [a, b] = [newWebhookSecret(), newWebhookSecret()];
    const body = JSON.stringify({ type: 'task.completed', data: { taskId: 't' } });
    const ts = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders([b, a], 'msg_1', ts, body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(a).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(b).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(a).verify(body + ' ', headers)).toThrow();
    // A stale timestamp is refused by the verifier (replay protection).
    expect(() => new Webhook(a).verify(body, webhookHeaders([a], 'msg_1', ts - 3600, body))).toThrow();
  });
});

describe('retry delays', () => {
  const service = (random: number, env: Record<string, string> = {}) =>
    new WebhookService({ config: loadConfig({ WEBHOOK_RETRY_BASE_SECONDS: '5', WEBHOOK_RETRY_MAX_SECONDS: '3600', ...env }), random: () => random } as never);
  it('grows 4× per attempt with ±25 % jitter, capped', () => {
    const mid = service(0.5);
    expect([1, 2, 3, 4].map((n) => mid.retryDelaySeconds(n, null))).toEqual([5, 20, 80, 320]);
    expect(mid.retryDelaySeconds(10, null)).toBe(3600);
    expect(service(0).retryDelaySeconds(2, null)).toBe(15);
    expect(service(0.999999).retryDelaySeconds(2, null)).toBeCloseTo(25, 3);
  });
  it('waits at least Retry-After, but never past the cap', () => {
    const s = service(0.5);
    expect(s.retryDelaySeconds(1, 120)).toBe(120);
    expect(s.retryDelaySeconds(3, 10)).toBe(80);
    expect(s.retryDelaySeconds(1, 86_400)).toBe(3600);
  });
});
