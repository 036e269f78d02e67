import { spawn } from 'node:child_process';
import { announceListening, LISTENING_MESSAGE } from './announceListening';

describe('announceListening', () => {
  it('does nothing without a launcher channel', () => {
    expect(announceListening({ send: undefined, channel: undefined })).toBe(false);
  });

  it('tells the launcher once and lets the channel go, so the child can still end by itself', async () => {
    const code = `require(${JSON.stringify(require.resolve('./announceListening.ts'))}).announceListening(); setTimeout(() => {}, 50);`;
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', code], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const messages: unknown[] = [];
    child.on('message', (m) => messages.push(m));
    const exitCode = await new Promise((resolve) => child.once('exit', resolve));
    expect(messages).toEqual([LISTENING_MESSAGE]);
    expect(exitCode).toBe(0);
  });
});
