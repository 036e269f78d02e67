import { PRINCIPAL_HEADER, Principal, requestPath, signCall } from '@hub/auth';
import type { CoreRepository } from '../CoreRepository';
import type { Subgraph } from '../createSubgraph';
import { StatementCounter } from '../createDataSource';
import { departmentFieldRoots, DepartmentFields } from '../DepartmentDefinition';
import { rootFieldNames } from './rootFieldNames';
import { checkSchemaConventions, ConventionOptions, formatViolations } from './checkSchemaConventions';
import { createContractEnv } from './createContractEnv';
import { contractBatch, contractPerson } from './contractRecords';

/** A department's `create<Prefix>Subgraph` from its server.ts. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each department has its own context type
export type DepartmentFactory = (env: NodeJS.ProcessEnv, counter?: StatementCounter) => Subgraph<any>;

export interface ContractOptions {
  /** Reviewed exceptions to the schema conventions and other mutation verbs (see checkSchemaConventions). */
  conventions?: Pick<ConventionOptions, 'exceptions' | 'mutationVerbs' | 'countyWide'>;
  /** Statements beyond one per list that resolving Person references may take (hrss reads its person master once). */
  extraReferenceStatements?: number;
}

interface GraphQLBody {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes differ per department
  data?: any;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

interface FeedChange {
  seq: number;
  entity: string;
  entityId: string;
  personId: string;
  record: Record<string, unknown>;
}

const ADMIN: Principal = { subject: 'contract-test', role: 'COUNTY_ADMIN' };
const SERVICE: Principal = { subject: 'contract-test-service', role: 'SERVICE' };

/**
 * The contract every department subgraph keeps with the graph, as one jest suite. Call it from the
 * department's own `src/contract.test.ts`: `runDepartmentContract(createEducationSubgraph)`.
 *
 * - Person references resolve in batches: one SQL statement per list, however many representations.
 * - The change feed has a strictly increasing cursor, pages without gaps or repeats, and writing the
 *   same records again adds no change rows.
 * - The schema follows the naming and description conventions and the Person key contract.
 */
export function runDepartmentContract(factory: DepartmentFactory, options: ContractOptions = {}): void {
  const counter = new StatementCounter();
  const contractEnv = createContractEnv();
  // Built now (no connection yet) so that the suite can carry the department's name.
  const hub = factory(contractEnv.env, counter);
  const { definition } = hub;
  const { typePrefix: P, personField: field, fields } = definition;
  let base = '';

  // Signed like the gateway signs: for this department, this method, path and body.
  const headers = (who: Principal | null, method: string, url: string, body?: string): Record<string, string> =>
    who ? { [PRINCIPAL_HEADER]: signCall(who, hub.signingKey, { audience: definition.slug, method, path: requestPath(url), body }) } : {};
  const graphql = async (query: string, variables?: Record<string, unknown>, who: Principal | null = ADMIN) => {
    const body = JSON.stringify({ query, variables });
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers(who, 'POST', `${base}/graphql`, body) },
      body,
    });
    return { status: response.status, body: (await response.json()) as GraphQLBody };
  };
  const feedPage = async (after: number, limit: number, who: Principal | null = SERVICE) => {
    const url = `${base}/changes?after=${after}&limit=${limit}`;
    const response = await fetch(url, { headers: headers(who, 'GET', url) });
    return {
      status: response.status,
      body: response.ok ? ((await response.json()) as { changes: FeedChange[]; latestSeq: number }) : undefined,
    };
  };
  const repo = (): CoreRepository => hub.repo;

  describe(`${definition.slug} 部门契约 department contract`, () => {
    beforeAll(async () => {
      await hub.init();
      const port = await hub.listen(0);
      base = `http://127.0.0.1:${port}`;
    }, 120_000);

    afterAll(async () => {
      if (hub.http.listening) await hub.stop();
      else if (hub.dataSource.isInitialized) await hub.dataSource.destroy();
      await contractEnv.cleanup(definition.slug);
    });

    describe('Person 实体引用 entity references', () => {
      const entitiesQuery = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id ${field} { person { name } certificates { id certificateNumber } trainings { id programme } } } } }`;
      const resolve = async (ids: string[]) => {
        counter.count = 0;
        const { body } = await graphql(entitiesQuery, { r: ids.map((id) => ({ __typename: 'Person', id })) });
        return { body, statements: counter.count };
      };
      let known: string[] = [];

      beforeAll(async () => {
        const batch = contractBatch(definition, hub.identity, 0, 40);
        await repo().writeBatch(batch);
        known = batch.people!.map((p) => p.personId);
      });

      it('resolves 40 Person references with one SQL statement per list', async () => {
        const unknown = ['0'.repeat(32), 'f'.repeat(32)];
        const { body, statements } = await resolve([...known, ...unknown]);
        expect(body.errors).toBeUndefined();
        const entities = body.data._entities as { id: string; [field: string]: unknown }[];
        expect(entities.map((e) => e.id)).toEqual([...known, ...unknown]);
        for (const [i, entity] of entities.slice(0, known.length).entries()) {
          const records = entity[field] as { person: { name: string }; certificates: unknown[]; trainings: unknown[] };
          expect(records.person.name).toBe(contractPerson(i).name);
          expect(records.certificates).toHaveLength(1);
          expect(records.trainings).toHaveLength(1);
        }
        for (const entity of entities.slice(known.length)) expect(entity[field]).toEqual({ person: null, certificates: [], trainings: [] });
        // person, certificates, trainings: three lists, three statements.
        expect(statements).toBeLessThanOrEqual(3 + (options.extraReferenceStatements ?? 0));
      });

      it('shows its own staff the address-only mask and the birth year, never the birth date', async () => {
        const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { ${field} { person { idNumberMasked birthDate birthYear } } } } }`;
        const r = [{ __typename: 'Person', id: known[0] }];
        const staff: Principal = { subject: 'contract-staff', role: 'DEPARTMENT_STAFF', department: definition.code };
        const year = Number(contractPerson(0).idNumber.slice(6, 10));
        const { body: seen } = await graphql(query, { r }, staff);
        expect(seen.errors).toBeUndefined();
        expect(seen.data._entities[0][field].person).toEqual({
          idNumberMasked: `${contractPerson(0).idNumber.slice(0, 6)}${'*'.repeat(12)}`,
          birthDate: null,
          birthYear: year,
        });
        const { body } = await graphql(query, { r });
        expect(body.data._entities[0][field].person.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      });

      it('refuses analysts and dashboards every record path: the Person field, both lists and their totalCount', async () => {
        // Aggregates only: a list filtered down to one township and level counts a cell exactly, around the cell-key method.
        const paths = [
          [
            `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { ${field} { person { idNumberMasked } certificates { id } } } } }`,
            { r: [{ __typename: 'Person', id: known[0] }] },
          ],
          [`{ ${fields.certificates}(filter: { township: "城关镇" }) { totalCount } }`, undefined],
          [`{ ${fields.certificates}(first: 100) { nodes { id } pageInfo { hasNextPage } } }`, undefined],
          [`{ ${fields.trainings} { totalCount } }`, undefined],
          [`{ ${fields.trainings}(first: 100) { nodes { id } } }`, undefined],
        ] as const;
        for (const who of [
          { subject: 'contract-analyst', role: 'ANALYST' },
          { subject: 'contract-dashboard', role: 'DASHBOARD' },
        ] as Principal[]) {
          for (const [query, variables] of paths) {
            const { body } = await graphql(query, variables, who);
            expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
            expect(body.errors?.[0]?.message).toMatch(/^(数据分析人员|看板)无权/);
            expect(JSON.stringify(body.data ?? null)).not.toMatch(/"(id|totalCount|idNumberMasked)":/);
          }
        }
        // The department's own staff still list them.
        const staff: Principal = { subject: 'contract-staff', role: 'DEPARTMENT_STAFF', department: definition.code };
        const own = await graphql(`{ ${fields.certificates} { totalCount } ${fields.trainings} { totalCount } }`, undefined, staff);
        expect(own.body.errors).toBeUndefined();
        expect(own.body.data[fields.certificates].totalCount).toBeGreaterThan(0);
      });

      it('issues as many SQL statements for 40 references as for 4', async () => {
        const few = await resolve(known.slice(0, 4));
        const many = await resolve(known);
        expect(few.body.errors).toBeUndefined();
        expect(many.statements).toBe(few.statements);
      });
    });

    describe('变更流 change feed', () => {
      const readAll = async (pageSize: number) => {
        const changes: FeedChange[] = [];
        let after = 0;
        for (let pages = 0; pages < 1000; pages++) {
          const { status, body } = await feedPage(after, pageSize);
          expect(status).toBe(200);
          expect(body!.changes.length).toBeLessThanOrEqual(pageSize);
          if (body!.changes.length === 0) return { changes, latestSeq: body!.latestSeq };
          for (const change of body!.changes) expect(change.seq).toBeGreaterThan(after);
          changes.push(...body!.changes);
          after = body!.changes[body!.changes.length - 1].seq;
        }
        throw new Error('the change feed never ended');
      };

      it('pages through its changes with a strictly increasing cursor, and replays them identically', async () => {
        const batch = contractBatch(definition, hub.identity, 100, 12);
        await repo().writeBatch(batch);
        const first = await readAll(7);
        const seqs = first.changes.map((c) => c.seq);
        for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]);
        expect(seqs[seqs.length - 1]).toBe(first.latestSeq);
        expect(first.latestSeq).toBe(await repo().latestSeq());
        // 12 persons, 12 certificates, 12 trainings of this batch are all in the feed.
        const batchPersons = new Set(batch.people!.map((p) => p.personId));
        const ofBatch = first.changes.filter((c) => batchPersons.has(c.personId));
        expect(ofBatch.filter((c) => c.entity === 'person')).toHaveLength(12);
        expect(ofBatch.filter((c) => c.entity === 'certificate')).toHaveLength(12);
        expect(ofBatch.filter((c) => c.entity === 'training')).toHaveLength(12);
        // Never the ID number, not even sealed.
        const text = JSON.stringify(first.changes);
        expect(text).not.toContain('idNumberSealed');
        for (let index = 100; index < 112; index++) expect(text).not.toContain(contractPerson(index).idNumber);
        // Another reader with another page size sees the same feed.
        const again = await readAll(50);
        expect(again.changes.map((c) => [c.seq, c.entity, c.entityId])).toEqual(first.changes.map((c) => [c.seq, c.entity, c.entityId]));
      });

      it('adds no change rows when the same batch is written again', async () => {
        const before = await repo().latestSeq();
        // Prepared anew, as a re-run import would: the sealed ID numbers differ, the records do not.
        const result = await repo().writeBatch(contractBatch(definition, hub.identity, 100, 12));
        expect(result.people).toEqual({ created: 0, updated: 0, unchanged: 12 });
        expect(result.certificates).toEqual({ created: 0, updated: 0, unchanged: 12 });
        expect(result.trainings).toEqual({ created: 0, updated: 0, unchanged: 12 });
        expect(await repo().latestSeq()).toBe(before);
        const { body } = await feedPage(before, 10);
        expect(body!.changes).toEqual([]);
      });

      it(`records and revokes through ${fields.recordCertificate} and ${fields.revokeCertificate} idempotently`, async () => {
        const who = contractPerson(500);
        const input = {
          ...who,
          kind: 'SPECIAL_ABILITY',
          certificateNumber: `CT-GQL-${definition.code}`,
          issuingBody: '契约测试评价机构',
          issuedOn: '2024-06-01',
        };
        const record = `mutation($input: ${P}CertificateInput!) { ${fields.recordCertificate}(input: $input) { id certificateNumber status } }`;
        const revoke = `mutation($n: String!) { ${fields.revokeCertificate}(certificateNumber: $n, revokedOn: "2024-07-01", reason: "契约测试撤销") { status } }`;
        const start = await repo().latestSeq();
        const first = await graphql(record, { input });
        expect(first.body.errors).toBeUndefined();
        const afterFirst = await repo().latestSeq();
        expect(afterFirst - start).toBe(2); // the person and the certificate
        expect((await graphql(record, { input })).body.errors).toBeUndefined();
        expect(await repo().latestSeq()).toBe(afterFirst);
        const revoked = await graphql(revoke, { n: input.certificateNumber });
        expect(revoked.body.errors).toBeUndefined();
        expect(revoked.body.data[fields.revokeCertificate].status).toBe('REVOKED');
        expect(await repo().latestSeq()).toBe(afterFirst + 1);
        expect((await graphql(revoke, { n: input.certificateNumber })).body.errors).toBeUndefined();
        expect(await repo().latestSeq()).toBe(afterFirst + 1);
      });

      it('serves the feed only to signed service callers', async () => {
        expect((await feedPage(0, 1, { subject: 'contract-analyst', role: 'ANALYST' })).status).toBe(403);
        expect((await feedPage(0, 1, null)).status).toBe(401);
        expect((await graphql('{ __typename }', undefined, null)).status).toBe(401);
      });
    });

    describe('命名约定 schema conventions', () => {
      let sdl = '';
      const violations = () => checkSchemaConventions(sdl, { typePrefix: P, personField: field, ...options.conventions });

      beforeAll(async () => {
        const { body } = await graphql('{ _service { sdl } }');
        expect(body.errors).toBeUndefined();
        sdl = body.data._service.sdl;
      });

      it('keeps the Person key contract: @key(fields: "id"), id: ID!, and its own field on Person', () => {
        expect(formatViolations(violations().filter((v) => v.rule === 'person-key'))).toEqual([]);
      });

      it('names types with its prefix in PascalCase, fields in camelCase, enum values in SCREAMING_SNAKE, mutations with a verb', () => {
        expect(formatViolations(violations().filter((v) => v.rule !== 'person-key' && v.rule !== 'description'))).toEqual([]);
      });

      it('describes every type and field', () => {
        expect(formatViolations(violations().filter((v) => v.rule === 'description'))).toEqual([]);
      });

      it('declares every root field its department.ts lists for the kit, on Query or Mutation as the kit serves it', () => {
        const declared = rootFieldNames(sdl);
        const missing = (Object.keys(fields) as (keyof DepartmentFields)[])
          .filter((key) => !declared[departmentFieldRoots[key]].has(fields[key]))
          .map((key) => `${departmentFieldRoots[key]}.${fields[key]} (fields.${key})`);
        expect(missing).toEqual([]);
      });
    });
  });
}
