import { describe, expect, it } from 'vitest';
import { authorizationFromParams } from '../../src/server-http.js';

describe('authorizationFromParams', () => {
  it('finds the credential in any letter case, at the top level or under headers', () => {
    expect(authorizationFromParams({ authorization: 'Bearer a' })).toBe('Bearer a');
    expect(authorizationFromParams({ Authorization: 'Bearer b' })).toBe('Bearer b');
    expect(authorizationFromParams({ AUTHORIZATION: 'Bearer c' })).toBe('Bearer c');
    expect(authorizationFromParams({ headers: { Authorization: 'Bearer d' } })).toBe('Bearer d');
    expect(authorizationFromParams({ headers: { authorization: 'Bearer e' } })).toBe('Bearer e');
  });
  it('is undefined without one, or when it is not a string', () => {
    expect(authorizationFromParams(undefined)).toBeUndefined();
    expect(authorizationFromParams({})).toBeUndefined();
    expect(authorizationFromParams({ authorization: 42, headers: 'x' })).toBeUndefined();
  });
});
