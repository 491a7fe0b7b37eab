import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { authorizerClaims, toEvent } from '../../../infra/local/http-adapter';
import { createLocalIssuer } from '../../../infra/local/jwt';

/** A request as Node hands it over: `headersDistinct` keeps every copy of a header. */
const request = (headers: Record<string, string[]>, method = 'POST') =>
  ({ method, httpVersion: '1.1', socket: { remoteAddress: '203.0.113.7' }, headersDistinct: headers }) as unknown as IncomingMessage;

const at = new Date('2026-03-12T19:03:58.123Z');

describe('the payload 2.0 event, as API Gateway builds it', () => {
  it('joins every copy of a repeated header with commas (Node keeps only the first Content-Type), and moves cookies out of the headers', () => {
    const event = toEvent(
      request({ 'content-type': ['application/json', 'text/plain'], 'x-tag': ['a', 'b'], cookie: ['a=1; b=2', 'c=3'] }),
      { path: '/carts', query: '' },
      Buffer.from('{}'),
      undefined,
      at,
    );
    expect(event.headers).toEqual({ 'content-type': 'application/json,text/plain', 'x-tag': 'a,b' });
    expect(event.cookies).toEqual(['a=1', 'b=2', 'c=3']);
    expect(toEvent(request({}), { path: '/carts', query: '' }, Buffer.alloc(0), undefined, at).cookies).toBeUndefined();
  });

  it('passes text, JSON, XML and JavaScript bodies as text, any other (no type, a form, binary) base64-encoded', () => {
    const body = Buffer.from('a=1&b=é');
    const as = (type?: string) => toEvent(request(type ? { 'content-type': [type] } : {}), { path: '/carts', query: '' }, body, undefined, at);
    for (const type of ['application/json', 'application/problem+json; charset=utf-8', 'text/plain', 'application/xml', 'application/javascript']) {
      expect([type, as(type).isBase64Encoded, as(type).body]).toEqual([type, false, 'a=1&b=é']);
    }
    for (const type of [undefined, 'application/x-www-form-urlencoded', 'application/octet-stream', 'image/png']) {
      expect([type, as(type).isBase64Encoded, as(type).body]).toEqual([type, true, body.toString('base64')]);
    }
  });

  it('writes the request time as API Gateway does', () => {
    expect(toEvent(request({}), { path: '/carts', query: '' }, Buffer.alloc(0), undefined, at).requestContext.time).toBe('12/Mar/2026:19:03:58 +0000');
  });

  it('hands the function every JWT claim as a string: arrays as "[a b]", numbers and booleans as their text', async () => {
    const issuer = await createLocalIssuer('https://issuer.local');
    const token = await issuer.mint({ sub: 'customer-1', email: 'c@example.com', groups: ['admin', 'staff'] });
    const claims = await authorizerClaims(issuer, `Bearer ${token}`);
    expect(claims).toMatchObject({ sub: 'customer-1', email: 'c@example.com', 'cognito:groups': '[admin staff]', exp: expect.stringMatching(/^\d+$/), iat: expect.stringMatching(/^\d+$/) });
    expect(Object.values(claims!).every((v) => typeof v === 'string')).toBe(true);
    expect(await authorizerClaims(issuer, `Bearer ${token}x`)).toBeUndefined();
    // Two Authorization headers reach the authorizer joined, as API Gateway joins them: no token.
    expect(await authorizerClaims(issuer, [`Bearer ${token}`, 'Bearer x'].join(','))).toBeUndefined();
  });
});
