import { departmentEntry, type Department, type RegisteredDepartment } from '@hub/vocabulary';
import type { DepartmentColumns } from './coreTables';

/**
 * The root fields the kit serves for a department, written out in its department.ts so that a search for a field name
 * (`git grep veteransCertificates`) lands on the department that serves it. The contract test checks each one against
 * the department's schema.graphql.
 */
export interface DepartmentFields {
  /** Query: its certificate list, `<personField>Certificates`. */
  certificates: string;
  /** Query: its training list, `<personField>Trainings`. */
  trainings: string;
  /** Mutation: `record<TypePrefix>Certificate`. */
  recordCertificate: string;
  /** Mutation: `record<TypePrefix>Training`. */
  recordTraining: string;
  /** Mutation: `revoke<TypePrefix>Certificate`. */
  revokeCertificate: string;
}

/** Which root type each kit field belongs to. */
export const departmentFieldRoots: Record<keyof DepartmentFields, 'Query' | 'Mutation'> = {
  certificates: 'Query',
  trainings: 'Query',
  recordCertificate: 'Mutation',
  recordTraining: 'Mutation',
  revokeCertificate: 'Mutation',
};

/** What makes a department subgraph its own; everything else comes from the kit. */
export interface DepartmentDefinition {
  code: Department;
  /** The department's slug, as SubgraphSlug spells it. */
  slug: string;
  /** Prefix of the department's GraphQL types, e.g. `CivilAffairs` → `CivilAffairsCertificate`. */
  typePrefix: string;
  /** The department's field on Person and the start of its query names, e.g. `civilAffairs`. */
  personField: string;
  /** The root fields the kit serves under the department's names. */
  fields: DepartmentFields;
  /** Department-specific columns on the core tables. */
  columns: DepartmentColumns;
}

/** A department's names from the department registry (packages/vocabulary), the start of its department.ts. */
export function registeredDepartment(
  code: RegisteredDepartment['code'],
): Pick<DepartmentDefinition, 'code' | 'slug' | 'typePrefix' | 'personField'> {
  const { slug, typePrefix, personField } = departmentEntry(code);
  return { code, slug, typePrefix, personField };
}

export function extraFields(definition: DepartmentDefinition, table: keyof DepartmentColumns): string[] {
  return Object.keys(definition.columns[table] ?? {});
}
