import type { DepartmentDefinition } from '@hub/subgraph-kit';
import { extraColumnLabels } from './extraColumnLabels';
import type { IntakeColumn, SheetKind } from './IntakeColumn';
import { standardColumns } from './standardColumns';

/** The core table that a kind of sheet fills. */
export function tableOf(kind: SheetKind): 'certificate' | 'training' {
  return kind === 'certificates' ? 'certificate' : 'training';
}

/** Every column a department's sheet of this kind may have: the standard ones, then the department's own. */
export function intakeColumns(definition: DepartmentDefinition, kind: SheetKind): IntakeColumn[] {
  const extras = Object.entries(definition.columns[tableOf(kind)] ?? {}).map(([field, spec]): IntakeColumn => {
    const label = extraColumnLabels[field];
    return {
      field,
      // A column added to department.ts before it gets a Chinese label is still importable under its property name.
      label: label?.label ?? field,
      spellings: label?.spellings ?? [field],
      required: false,
      parser: label?.parser ?? (spec.type === 'int' ? 'integer' : 'text'),
      extra: spec,
      note: label?.note ?? '选填',
      example: label?.example ?? '',
    };
  });
  return [...standardColumns(kind), ...extras];
}
