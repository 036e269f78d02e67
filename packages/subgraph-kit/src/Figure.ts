/** A figure against its plan target (the schema's `Figure`): `ratio` is value / target, null without a target. */
export interface Figure {
  key: string;
  label: string;
  value: number;
  target: number | null;
  ratio: number | null;
}

export function figureOf(key: string, label: string, value: number, target: number | null): Figure {
  return { key, label, value, target, ratio: target ? value / target : null };
}
