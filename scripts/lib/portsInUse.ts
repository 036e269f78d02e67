import net from 'node:net';

/** True when something accepts connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * The services (name → port) whose port something already listens on. Checked before the hub starts: another hub
 * still running would otherwise answer the health checks in place of this one's services, which then fail to listen.
 */
export async function portsInUse(ports: Record<string, number>): Promise<{ service: string; port: number }[]> {
  const checked = await Promise.all(
    Object.entries(ports).map(async ([service, port]) => ({ service, port, taken: await listening(port) })),
  );
  return checked.filter((c) => c.taken).map(({ service, port }) => ({ service, port }));
}
