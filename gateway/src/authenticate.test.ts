import type http from 'node:http';
import { clientAddress, trustedProxiesFromEnv } from './authenticate';

// A stub request: clientAddress reads only the socket's address and the headers (cast below).
const request = (remoteAddress: string, forwarded?: string | string[]) =>
  ({
    socket: { remoteAddress },
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  }) as unknown as http.IncomingMessage;

describe('the client address behind a load balancer', () => {
  const proxies = trustedProxiesFromEnv({ HUB_TRUSTED_PROXIES: ' 10.0.0.2, 127.0.0.1 ' });

  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress(request('203.0.113.9', '1.2.3.4'), trustedProxiesFromEnv({}))).toBe('203.0.113.9');
    expect(clientAddress(request('203.0.113.9', '1.2.3.4'), proxies)).toBe('203.0.113.9');
  });

  it('is the entry the trusted proxy appended, not one the client put in front', () => {
    expect(clientAddress(request('10.0.0.2', '6.6.6.6, 198.51.100.7'), proxies)).toBe('198.51.100.7');
    expect(clientAddress(request('::ffff:127.0.0.1', ['6.6.6.6', '198.51.100.8']), proxies)).toBe('198.51.100.8');
  });

  it('falls back to the proxy itself when the header is missing or empty', () => {
    expect(clientAddress(request('10.0.0.2'), proxies)).toBe('10.0.0.2');
    expect(clientAddress(request('10.0.0.2', ' , '), proxies)).toBe('10.0.0.2');
  });
});
