import { demoDepartmentBatches, DEFAULT_PERSONS } from '@hub/demo-data';
import type { NewCertificate, NewPerson, NewTraining } from './CoreRepository';
import type { Subgraph } from './createSubgraph';
import { extraFields } from './DepartmentDefinition';
import { prepareCertificate, preparePerson, prepareTraining } from './recordInput';

/** Number of demo persons: HUB_DEMO_PERSONS, default 20,000. */
export function demoPersons(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.HUB_DEMO_PERSONS || DEFAULT_PERSONS);
  if (!Number.isInteger(n) || n < 0) throw new Error(`HUB_DEMO_PERSONS must be a whole number, got "${env.HUB_DEMO_PERSONS}"`);
  return n;
}

/**
 * Writes the department's share of the deterministic demo county through the same validation and
 * write path as real data (so the change feed carries it). Returns the number of certificates.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any department's context
export async function seedDemoData(hub: Subgraph<any>, persons: number): Promise<number> {
  const { definition, identity, repo } = hub;
  const certificateExtras = extraFields(definition, 'certificate');
  const trainingExtras = extraFields(definition, 'training');
  let certificates = 0;
  for (const batch of demoDepartmentBatches(definition.code, persons)) {
    const people: NewPerson[] = [];
    const certs: NewCertificate[] = [];
    const trainings: NewTraining[] = [];
    for (const records of batch) {
      const person = preparePerson(identity, records.person);
      people.push(person);
      for (const training of records.trainings) trainings.push(prepareTraining(person.personId, training, trainingExtras));
      for (const input of records.certificates) {
        const certificate = prepareCertificate(person.personId, input, certificateExtras);
        if (input.revoked)
          Object.assign(certificate, { status: 'REVOKED', revokedOn: input.revoked.revokedOn, revokeReason: input.revoked.reason });
        certs.push(certificate);
      }
    }
    await repo.writeBatch({ people, trainings, certificates: certs });
    certificates += certs.length;
  }
  return certificates;
}

/** Seeds records, then the department's programmes, on first start unless HUB_DEMO=off; a database that already has records is left alone. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any department's context
export async function seedDemoDataIfEmpty(hub: Subgraph<any>, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if ((env.HUB_DEMO || 'on').toLowerCase() === 'off') return;
  if ((await hub.repo.latestSeq()) > 0) return;
  const started = Date.now();
  const persons = demoPersons(env);
  const certificates = await seedDemoData(hub, persons);
  await hub.seedDemoProgrammes?.(persons);
  hub.log.info({ persons, certificates, ms: Date.now() - started }, '已生成演示数据 demo data seeded');
}
