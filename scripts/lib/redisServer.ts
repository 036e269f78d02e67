import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { freePort } from './freePort';

export interface RedisServer {
  url: string;
  port: number;
  /** Kills the server at once (SIGKILL): Redis "dies" under the gateways. */
  kill(): void;
  stop(): Promise<void>;
}

/** True when something on the port answers PING with PONG. */
export function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/** A private redis-server (Debian's binary) on a free port (or `port`: to bring one back), nothing persisted: for a demo or one test file. */
export async function startRedisServer(binary: string, port?: number): Promise<RedisServer> {
  port ??= await freePort();
  const child: ChildProcess = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const until = Date.now() + 10_000;
  while (!(await redisAnswers(port))) {
    if (child.exitCode !== null || Date.now() > until) throw new Error(`redis-server did not answer on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: () => child.kill('SIGKILL'),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
