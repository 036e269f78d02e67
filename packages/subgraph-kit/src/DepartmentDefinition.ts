import type { Department } from '@hub/vocabulary';
import type { DepartmentColumns } from './coreTables';

/** What makes a department subgraph its own; everything else comes from the kit. */
export interface DepartmentDefinition {
  code: Department;
  /** The department's slug, as SubgraphSlug spells it. */
  slug: string;
  /** Prefix of the department's GraphQL types, e.g. `CivilAffairs` → `CivilAffairsCertificate`. */
  typePrefix: string;
  /** The department's field on Person and its query names, e.g. `civilAffairs`. */
  personField: string;
  /** Department-specific columns on the core tables. */
  columns: DepartmentColumns;
}

export function extraFields(definition: DepartmentDefinition, table: keyof DepartmentColumns): string[] {
  return Object.keys(definition.columns[table] ?? {});
}
