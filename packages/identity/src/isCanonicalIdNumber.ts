import { birthDateProblem } from './birthDateProblem';
import { checkCharacter } from './checkCharacter';

const CANONICAL_SHAPE = /^\d{17}[\dX]$/;

/** A "today" later than any birth date, so a stored number never stops being canonical as time passes. */
const NO_FUTURE_CHECK = '99991231';

/** Whether the string is already canonical: 18 chars, upper-case X, plausible birth date, correct check character. */
export function isCanonicalIdNumber(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    CANONICAL_SHAPE.test(value) &&
    birthDateProblem(value.slice(6, 14), NO_FUTURE_CHECK) === undefined &&
    checkCharacter(value.slice(0, 17)) === value[17]
  );
}
