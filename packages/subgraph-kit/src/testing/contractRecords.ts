import { makeIdNumber } from '@hub/identity';
import type { RecordBatch } from '../CoreRepository';
import type { DepartmentDefinition } from '../DepartmentDefinition';
import { extraFields } from '../DepartmentDefinition';
import type { IdentityService } from '../IdentityService';
import { prepareCertificate, preparePerson, prepareTraining } from '../recordInput';

export interface ContractPerson {
  idNumber: string;
  name: string;
}

/** Synthetic person `index` of the contract tests: a valid ID number no demo person has (born in 1950). */
export function contractPerson(index: number): ContractPerson {
  const birth = new Date(Date.UTC(1950, 0, 1) + index * 86_400_000).toISOString().slice(0, 10);
  return { idNumber: makeIdNumber('410928', birth, 700 + (index % 200)), name: `契约测试${index}` };
}

/**
 * One certificate and one training for each of `count` persons from `start`, prepared with the
 * department's own validation (its extra columns left empty) — what an import would write.
 */
export function contractBatch(definition: DepartmentDefinition, identity: IdentityService, start: number, count: number): RecordBatch {
  const batch: Required<RecordBatch> = { people: [], trainings: [], certificates: [] };
  for (let index = start; index < start + count; index++) {
    const who = contractPerson(index);
    const person = preparePerson(identity, who);
    batch.people.push(person);
    batch.certificates.push(
      prepareCertificate(
        person.personId,
        {
          ...who,
          kind: 'SPECIAL_ABILITY',
          certificateNumber: `CT-${definition.code}-${index}`,
          issuingBody: '契约测试评价机构',
          issuedOn: '2024-05-01',
        },
        extraFields(definition, 'certificate'),
      ),
    );
    batch.trainings.push(
      prepareTraining(
        person.personId,
        {
          ...who,
          programme: '契约测试培训班',
          channel: 'SOCIAL_RURAL',
          targetGroup: 'OTHER',
          provider: '契约测试培训机构',
          startDate: '2024-03-01',
          endDate: '2024-03-20',
          hours: 40,
          outcome: 'COMPLETED',
        },
        extraFields(definition, 'training'),
      ),
    );
  }
  return batch;
}
