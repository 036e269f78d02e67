/**
 * npx tsx bench/signedCalls.ts [--calls 200000]
 *
 * CPU cost of one signed subgraph call: signing (the gateway, per call) and verifying with the body's
 * digest and the nonce ledger (the subgraph), on a dossier entity fetch's body.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { bodyDigest, NonceLedger, Principal, signCall, verifyCall } from '@hub/auth';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '200000' } } });
const calls = Number(values.calls);
const key = randomBytes(32);
const who: Principal = { subject: 'bench-admin', role: 'COUNTY_ADMIN' };
const body = JSON.stringify({
  query:
    'query($representations:[_Any!]!){_entities(representations:$representations){...on Person{education{certificates{certificateNumber kind level school}trainings{programme school major}}}}}',
  variables: { representations: [{ __typename: 'Person', id: 'x'.repeat(43) }] },
});
const call = { audience: 'education', method: 'POST', path: '/graphql' };
const ledger = new NonceLedger(calls + 1);

const cpuMicros = (work: () => void): number => {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / calls;
};

for (let i = 0; i < 10_000; i++) signCall(who, key, { ...call, body });
const headers: string[] = [];
const sign = cpuMicros(() => {
  for (let i = 0; i < calls; i++) headers.push(signCall(who, key, { ...call, body }));
});
const verify = cpuMicros(() => {
  for (const header of headers) {
    const verified = verifyCall(header, key, call);
    if (!verified || verified.bodyDigest !== bodyDigest(body) || !ledger.firstSight(verified.nonce, verified.expiresAt))
      throw new Error('a signed call did not verify');
  }
});
console.log(
  `${calls} calls, body ${body.length} bytes: sign ${sign.toFixed(1)} µs, verify + digest + nonce ${verify.toFixed(1)} µs of CPU per call`,
);
