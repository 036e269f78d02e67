import { demand, may } from '@hub/auth';
import { publicBirthYear, remaskIdNumber } from '@hub/identity';
import {
  CertificateStatus,
  certificateStatusLabels,
  departmentLabels,
  matchOccupation,
  matchTownship,
  occupationByCode,
  townshipByCode,
} from '@hub/vocabulary';
import type { CertificateRecord, PersonRecord, TrainingRecord } from './coreTables';
import type { CertificateFilter, TrainingFilter } from './CoreRepository';
import { pageArgs, toConnection } from './connection';
import { extraFields, DepartmentDefinition } from './DepartmentDefinition';
import { InputError, notFound, toGraphQLError, withInputErrors } from './errors';
import { CertificateInput, TrainingInput, prepareCertificate, preparePerson, prepareTraining } from './recordInput';
import type { SubgraphContext } from './SubgraphContext';
import { DateScalar } from './DateScalar';
import { FenScalar } from './FenScalar';
import { certificateGradeOf } from './certificateGradeOf';

/** Each type's resolvers (functions, __resolveReference, scalars) by type name; graphql-js checks them against the SDL. */
export type ResolverMap = Record<string, unknown>;

interface ListArgs<F> {
  filter?: (F & { township?: string | null; occupation?: string | null }) | null;
  first?: number | null;
  after?: string | null;
}

/** Turns the GraphQL filter (township and occupation in any common spelling) into repository terms. */
function resolveFilter<F extends { townshipCode?: string; occupationCode?: string }>(filter: ListArgs<F>['filter']): F {
  const { township, occupation, ...rest } = filter ?? ({} as NonNullable<ListArgs<F>['filter']>);
  // The GraphQL filter minus township/occupation is F minus the codes, which the lines below add back.
  const out = { ...rest } as unknown as F;
  if (township) {
    const match = matchTownship(township);
    if (!match) throw new InputError('UNKNOWN_TOWNSHIP', 'township', `乡镇“${township}”不是濮阳县的乡镇`);
    out.townshipCode = match.code;
  }
  if (occupation) {
    const match = matchOccupation(occupation);
    if (!match) throw new InputError('UNKNOWN_OCCUPATION', 'occupation', `职业(工种)“${occupation}”不在2022版职业分类大典中`);
    out.occupationCode = match.code;
  }
  return out;
}

/**
 * The resolvers every department has, named after its prefix: its Person field, its lists,
 * its record/revoke mutations, and the fields of its Training and Certificate types.
 */
export function departmentResolvers(definition: DepartmentDefinition): ResolverMap {
  const { typePrefix: P, personField: field } = definition;
  const certificateExtras = extraFields(definition, 'certificate');
  const trainingExtras = extraFields(definition, 'training');

  return {
    Date: DateScalar,
    Fen: FenScalar,
    Query: {
      [`${field}Certificates`]: (_: unknown, args: ListArgs<CertificateFilter>, ctx: SubgraphContext) =>
        withInputErrors('filter', async () => {
          demand(may.readPersonRecords(ctx.principal, definition.code), ctx.principal, '查看个人证书记录');
          const page = await ctx.repo.listCertificates(resolveFilter(args.filter), pageArgs(args));
          return toConnection(page, (c) => c.id);
        }),
      [`${field}Trainings`]: (_: unknown, args: ListArgs<TrainingFilter>, ctx: SubgraphContext) =>
        withInputErrors('filter', async () => {
          demand(may.readPersonRecords(ctx.principal, definition.code), ctx.principal, '查看个人培训记录');
          const page = await ctx.repo.listTrainings(resolveFilter(args.filter), pageArgs(args));
          return toConnection(page, (t) => t.id);
        }),
    },
    Mutation: {
      [`record${P}Certificate`]: (_: unknown, { input }: { input: CertificateInput }, ctx: SubgraphContext) =>
        withInputErrors('input', async () => {
          demand(may.writeDepartment(ctx.principal, definition.code), ctx.principal, '修改本部门以外的记录');
          const person = preparePerson(ctx.identity, input);
          const certificate = prepareCertificate(person.personId, input, certificateExtras);
          await ctx.repo.writeBatch({ people: [person], certificates: [certificate] });
          return ctx.repo.certificateByNumber(certificate.certificateNumber);
        }),
      [`record${P}Training`]: (_: unknown, { input }: { input: TrainingInput }, ctx: SubgraphContext) =>
        withInputErrors('input', async () => {
          demand(may.writeDepartment(ctx.principal, definition.code), ctx.principal, '修改本部门以外的记录');
          const person = preparePerson(ctx.identity, input);
          const training = prepareTraining(person.personId, input, trainingExtras);
          await ctx.repo.writeBatch({ people: [person], trainings: [training] });
          return ctx.repo.trainingByKey(training.personId, training.programme, training.startDate);
        }),
      [`revoke${P}Certificate`]: (
        _: unknown,
        args: { certificateNumber: string; revokedOn?: string | null; reason: string; status?: CertificateStatus | null },
        ctx: SubgraphContext,
      ) =>
        withInputErrors('reason', async () => {
          demand(may.writeDepartment(ctx.principal, definition.code), ctx.principal, '修改本部门以外的记录');
          if (!args.reason.trim()) throw new InputError('REQUIRED', 'reason', '撤销原因不能为空');
          const status = args.status ?? 'REVOKED';
          if (status === 'VALID')
            throw new InputError(
              'NOT_A_WITHDRAWAL',
              'status',
              `撤销证书时状态须为${certificateStatusLabels.REVOKED}（REVOKED）或${certificateStatusLabels.CANCELLED}（CANCELLED）`,
            );
          // No date (日期未提供): stored with revokedOn null; the certificate counts on no date until the date is supplied.
          const revoked = await ctx.repo.revokeCertificate(
            args.certificateNumber.trim().toUpperCase(),
            args.revokedOn ?? null,
            args.reason.trim(),
            status,
          );
          if (!revoked) throw notFound(`证书编号 ${args.certificateNumber} 不存在`);
          return revoked;
        }),
    },
    Person: {
      __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
      [field]: (person: { id: string }, _: unknown, ctx: SubgraphContext) => {
        // Field-level: the rest of the dossier still answers.
        demand(may.readPersonRecords(ctx.principal, definition.code), ctx.principal, `查看${departmentLabels[definition.code]}的个人记录`);
        return { personId: person.id };
      },
    },
    [`${P}Records`]: {
      person: (records: { personId: string }, _: unknown, ctx: SubgraphContext) => ctx.loaders.personById.load(records.personId),
      certificates: (records: { personId: string }, _: unknown, ctx: SubgraphContext) =>
        ctx.loaders.certificatesByPerson.load(records.personId),
      trainings: (records: { personId: string }, _: unknown, ctx: SubgraphContext) => ctx.loaders.trainingsByPerson.load(records.personId),
    },
    [`${P}Person`]: {
      idNumber: async (person: PersonRecord, args: { purpose: string }, ctx: SubgraphContext) => {
        demand(may.revealIdNumber(ctx.principal, definition.code), ctx.principal, '查看完整身份证号');
        const purpose = args.purpose.trim();
        if (purpose.length < 2)
          throw toGraphQLError(new InputError('PURPOSE_REQUIRED', 'purpose', '查看完整身份证号须说明用途'), ['idNumber']);
        // Audited before it is revealed: no audit entry, no number.
        await ctx.repo.recordAudit({
          at: new Date().toISOString(),
          subject: ctx.principal.subject,
          role: ctx.principal.role,
          department: definition.code,
          personId: person.personId,
          field: 'idNumber',
          purpose: purpose.slice(0, 200),
          requestId: ctx.requestId,
        });
        return ctx.identity.open(person.idNumberSealed);
      },
      // Re-masked on read: a row the mask migration missed never shows more than the current mask.
      idNumberMasked: (person: PersonRecord) => remaskIdNumber(person.idNumberMasked),
      birthDate: (person: PersonRecord, _: unknown, ctx: SubgraphContext) => (may.readBirthDate(ctx.principal) ? person.birthDate : null),
      birthYear: (person: PersonRecord, _: unknown, ctx: SubgraphContext) =>
        may.readBirthDate(ctx.principal) ? Number(String(person.birthDate).slice(0, 4)) : publicBirthYear(person.birthDate),
      township: (person: PersonRecord) => (person.townshipCode ? (townshipByCode(person.townshipCode) ?? null) : null),
    },
    [`${P}Certificate`]: {
      id: (c: CertificateRecord) => String(c.id),
      department: () => definition.code,
      person: (c: CertificateRecord) => ({ id: c.personId }),
      occupation: (c: CertificateRecord) => (c.occupationCode ? (occupationByCode(c.occupationCode) ?? null) : null),
      grade: (c: CertificateRecord) => certificateGradeOf(c.grade, c.gradeWritten),
    },
    [`${P}Training`]: {
      id: (t: TrainingRecord) => String(t.id),
      department: () => definition.code,
      person: (t: TrainingRecord) => ({ id: t.personId }),
      occupation: (t: TrainingRecord) => (t.occupationCode ? (occupationByCode(t.occupationCode) ?? null) : null),
    },
  };
}

/** Merges resolver maps type by type; later maps win field by field. */
export function mergeResolvers(...maps: ResolverMap[]): ResolverMap {
  const out: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      const existing = out[type];
      out[type] =
        existing && typeof existing === 'object' && !(fields instanceof Object && 'serialize' in fields)
          ? { ...existing, ...(fields as object) }
          : fields;
    }
  }
  return out;
}
