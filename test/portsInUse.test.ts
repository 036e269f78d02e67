import net from 'node:net';
import { freePort } from '../scripts/lib/freePort';
import { portsInUse } from '../scripts/lib/portsInUse';

describe('portsInUse', () => {
  it('names the services whose port something already listens on, and only those', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const taken = (server.address() as net.AddressInfo).port;
    const free = await freePort();
    try {
      expect(await portsInUse({ gateway: taken, hrss: free })).toEqual([{ service: 'gateway', port: taken }]);
      expect(await portsInUse({ hrss: free })).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
