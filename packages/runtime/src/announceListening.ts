/** The message a service sends its launcher once it listens (see scripts/start.ts). */
export const LISTENING_MESSAGE = 'hub:listening';

/**
 * Tells the process that started this one, when it did so with an IPC channel (`npm start`'s launcher),
 * that the service now listens: the launcher learns it at once instead of asking /health over and over
 * (at a few hundred calls per service on a busy machine, the asking cost the launcher more CPU than its
 * own start). Then lets go of the channel, so it never keeps the process alive. Without a channel
 * (docker, a plain `node`), nothing happens.
 */
export function announceListening(proc: Pick<NodeJS.Process, 'send' | 'channel'> = process): boolean {
  if (!proc.send || !proc.channel) return false;
  proc.send(LISTENING_MESSAGE);
  proc.channel.unref();
  return true;
}
