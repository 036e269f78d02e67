import pino, { Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; HUB_LOG_LEVEL sets the level (default info, silent under jest). */
export function createLogger(service: string, env: NodeJS.ProcessEnv = process.env): Logger {
  const level = env.HUB_LOG_LEVEL || (env.JEST_WORKER_ID ? 'silent' : 'info');
  return pino({ name: service, level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}
