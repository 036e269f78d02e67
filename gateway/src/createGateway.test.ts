import { createGateway } from './createGateway';

describe('a gateway stopping behind a load balancer (HUB_DRAIN_MS)', () => {
  it('says "stopping" on /ready while it still serves, then closes', async () => {
    const gateway = createGateway({ HUB_DRAIN_MS: '3000', HUB_LOG_LEVEL: 'silent', HUB_DATA_DIR: '/nonexistent-hub-data' });
    const port = await gateway.listen(0);
    const base = `http://127.0.0.1:${port}`;
    const stopped = gateway.stop();
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { status: string }).status).toBe('stopping');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    await stopped;
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  });

  it('closes at once without it', async () => {
    const gateway = createGateway({ HUB_LOG_LEVEL: 'silent', HUB_DATA_DIR: '/nonexistent-hub-data' });
    const port = await gateway.listen(0);
    const started = Date.now();
    await gateway.stop();
    // Well under the 3 s drain above: without HUB_DRAIN_MS nothing waits.
    expect(Date.now() - started).toBeLessThan(2500);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });
});
