import path from 'node:path';
import { departmentRegistry, RegisteredDepartment } from '@hub/vocabulary';

/** One deployable service of the hub: the gateway, a department subgraph or the county service. */
export interface ServiceInfo {
  /** Folder and service name: `gateway`, `hrss`, `civil-affairs`, … */
  slug: string;
  port: number;
}

/** The department subgraphs, in port order (from the department registry). */
export const subgraphSlugs: readonly SubgraphSlug[] = departmentRegistry.map((d) => d.slug);
export type SubgraphSlug = RegisteredDepartment['slug'];

/** Default ports: the departments' from the registry, the gateway's and the county service's here; each moves with HUB_<SLUG>_PORT. */
export const defaultPorts: Readonly<Record<string, number>> = {
  gateway: 4000,
  ...Object.fromEntries(departmentRegistry.map((d) => [d.slug, d.port])),
  /** 县技能人才统计调度: the holder index and the county's figures (subgraphs/county). */
  county: 4007,
};

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
