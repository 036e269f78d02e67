import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { Readable } from 'node:stream';
import { close, listen, STOP_GRACE_MS, stopGraceMs } from './httpService';

/** A server whose every answer is `size` bytes, streamed in 64 KB chunks as fast as the client takes them. */
function serverSending(size: number): http.Server {
  const chunk = Buffer.alloc(64 * 1024, 97);
  function* chunks() {
    for (let sent = 0; sent < size; sent += chunk.length) yield chunk.subarray(0, Math.min(chunk.length, size - sent));
  }
  return http.createServer((_req, res) => {
    res.setHeader('content-length', String(size));
    Readable.from(chunks()).pipe(res);
  });
}

const within = <T>(ms: number, work: Promise<T>) =>
  Promise.race([work.then(() => 'done' as const), new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), ms).unref())]);

describe('close', () => {
  it('lets an answer in flight finish before it returns', async () => {
    const server = http.createServer((_req, res) => {
      res.write('first half, ');
      setTimeout(() => res.end('second half'), 300);
    });
    const port = await listen(server, 0);
    const response = await fetch(`http://127.0.0.1:${port}/`);
    const started = Date.now();
    await close(server, 5_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(await response.text()).toBe('first half, second half');
  });

  it('cuts a client that stops reading a large answer after the grace period, instead of waiting for it for ever', async () => {
    const server = serverSending(64 * 1024 * 1024);
    const port = await listen(server, 0);
    // The body is never read: the server's writes back up and the connection never becomes idle.
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(response.status).toBe(200);
    const started = Date.now();
    expect(await within(5_000, close(server, 300))).toBe('done');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(server.listening).toBe(false);
    await expect(response.arrayBuffer()).rejects.toThrow();
  });

  it('cuts a connection that was opened and never sent a request, which the server does not count as idle', async () => {
    const server = serverSending(16);
    const port = await listen(server, 0);
    // What a client does when it connects ahead of a request that never comes (or a port scanner, or a slow attacker).
    const silent = net.connect(port, '127.0.0.1');
    await once(silent, 'connect');
    const ended = once(silent, 'close');
    const started = Date.now();
    expect(await within(5_000, close(server, 300))).toBe('done');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await ended;
  });

  it('does not wait out the grace period when nothing is in flight', async () => {
    const server = serverSending(16);
    const port = await listen(server, 0);
    await (await fetch(`http://127.0.0.1:${port}/`)).text(); // a kept-alive idle connection
    const started = Date.now();
    await close(server, 10_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('stopGraceMs', () => {
  it('reads HUB_STOP_GRACE_MS and falls back to 10 s when it is missing or not a number of milliseconds', () => {
    expect(stopGraceMs({ HUB_STOP_GRACE_MS: '2500' })).toBe(2500);
    expect(stopGraceMs({ HUB_STOP_GRACE_MS: '0' })).toBe(0);
    for (const value of [undefined, '', 'soon', '-1']) expect(stopGraceMs({ HUB_STOP_GRACE_MS: value })).toBe(STOP_GRACE_MS);
    expect(STOP_GRACE_MS).toBe(10_000);
  });
});
