/**
 * Hive Gateway (router-runtime) as a process of its own, so the benchmark can read its CPU and memory:
 *   node --import tsx bench/lib/hiveServer.ts
 * Environment: HIVE_PORT, HUB_SUPERGRAPH (the supergraph file), HIVE_SUBGRAPH_URLS (JSON: name → URL),
 * HUB_SUBGRAPH_SIGNING_KEY (or the data folder's dev secrets through the caller's environment);
 * HIVE_LOG=1 shows Hive's own logs.
 * A process of its own also because router-runtime loads its native query planner with a dynamic
 * import(), which jest's module sandbox cannot run (test/hiveGateway.test.ts starts this file too).
 */
import http from 'node:http';
import { hubSecretsFromEnv } from '@hub/auth';
import { createHiveGateway } from './hiveGateway';

const port = Number(process.env.HIVE_PORT ?? 5408);
const runtime = createHiveGateway({
  supergraphPath: process.env.HUB_SUPERGRAPH!,
  subgraphUrls: JSON.parse(process.env.HIVE_SUBGRAPH_URLS ?? '{}') as Record<string, string>,
  signingKey: hubSecretsFromEnv(process.env, () => undefined).signingKey,
  logging: process.env.HIVE_LOG === '1',
});
// eslint-disable-next-line @typescript-eslint/no-misused-promises -- Hive's runtime is a node request handler that answers its own errors
const server = http.createServer(runtime);
// Like our gateway's server: keep client connections open between requests.
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`hive gateway listening on http://127.0.0.1:${port}/graphql`));

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void Promise.resolve(runtime.dispose()).finally(() => process.exit(0));
  });
}
