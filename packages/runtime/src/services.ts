import path from 'node:path';

/** One deployable service of the hub: the gateway, a department subgraph or the county service. */
export interface ServiceInfo {
  /** Folder and service name: `gateway`, `hrss`, `civil-affairs`, … */
  slug: string;
  port: number;
}

/** Default ports from DESIGN.md; each can be moved with HUB_<SLUG>_PORT. */
export const defaultPorts: Readonly<Record<string, number>> = {
  gateway: 4000,
  hrss: 4001,
  education: 4002,
  agriculture: 4003,
  veterans: 4004,
  'civil-affairs': 4005,
  finance: 4006,
  /** 县技能人才统计调度: the holder index and the county's figures (subgraphs/county). */
  county: 4007,
};

/** The department subgraphs, in port order. */
export const subgraphSlugs = ['hrss', 'education', 'agriculture', 'veterans', 'civil-affairs', 'finance'] as const;
export type SubgraphSlug = (typeof subgraphSlugs)[number];

function envKey(slug: string): string {
  return slug.toUpperCase().replace(/-/g, '_');
}

export function servicePort(slug: string, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[`HUB_${envKey(slug)}_PORT`];
  if (raw !== undefined && raw !== '') {
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`HUB_${envKey(slug)}_PORT must be a port number, got "${raw}"`);
    }
    return port;
  }
  const port = defaultPorts[slug];
  if (port === undefined) throw new Error(`Unknown service "${slug}" and no HUB_${envKey(slug)}_PORT given`);
  return port;
}

/** Base URL of a service (no path); HUB_<SLUG>_URL wins, e.g. http://hrss:4001 in docker compose. */
export function serviceBaseUrl(slug: string, env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env[`HUB_${envKey(slug)}_URL`];
  if (explicit) return explicit.replace(/\/+$/, '').replace(/\/graphql$/, '');
  return `http://127.0.0.1:${servicePort(slug, env)}`;
}

/** Where SQLite files, development secrets and reports live (HUB_DATA_DIR, default ./data). */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.HUB_DATA_DIR || 'data');
}

export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production' || env.HUB_MODE === 'production';
}
