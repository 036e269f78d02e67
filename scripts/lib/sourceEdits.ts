import ts from 'typescript';

/**
 * Edits of TypeScript source text located with the compiler's parser rather than with regular
 * expressions, so that formatting, comments and neighbouring edits of other people survive.
 * Every edit is idempotent: an element or key that is already there is left alone.
 */

export interface SourceEdit {
  /** The new text (unchanged when nothing had to be added). */
  text: string;
  /** Whether the anchor was found and now holds the value. */
  found: boolean;
  changed: boolean;
}

type Literal = ts.ArrayLiteralExpression | ts.ObjectLiteralExpression;

function parse(text: string): ts.SourceFile {
  return ts.createSourceFile('edit.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** `x as const`, `x satisfies T`, `(x)` → x. */
function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isParenthesizedExpression(current))
    current = current.expression;
  return current;
}

function variableInitializer(source: ts.SourceFile, name: string): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name && node.initializer) {
      found = unwrap(node.initializer);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function allLiterals(source: ts.SourceFile): Literal[] {
  const out: Literal[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isArrayLiteralExpression(node) || ts.isObjectLiteralExpression(node)) out.push(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function lineIndent(text: string, position: number): string {
  const start = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** Inserts `item` as the last element/property of a literal, in the literal's own layout. */
function insertLast(text: string, source: ts.SourceFile, literal: Literal, item: string): string {
  const elements: ts.NodeArray<ts.Node> = ts.isArrayLiteralExpression(literal) ? literal.elements : literal.properties;
  const open = literal.getStart(source);
  const close = literal.getEnd() - 1;
  if (elements.length === 0) {
    const multiline = text.slice(open, close).includes('\n');
    if (!multiline) return `${text.slice(0, open + 1)}${item}${text.slice(close)}`;
    const indent = `${lineIndent(text, open)}  `;
    return `${text.slice(0, open + 1)}\n${indent}${item},${text.slice(open + 1)}`;
  }
  const last = elements[elements.length - 1];
  const first = elements[0];
  const multiline = text.slice(open, first.getStart(source)).includes('\n');
  const end = last.getEnd();
  const trailingComma = elements.hasTrailingComma;
  if (!multiline) {
    // One line: `[a, b]` → `[a, b, c]`.
    return `${text.slice(0, end)}, ${item}${text.slice(end)}`;
  }
  const indent = lineIndent(text, last.getStart(source));
  if (trailingComma) {
    const comma = text.indexOf(',', end);
    return `${text.slice(0, comma + 1)}\n${indent}${item},${text.slice(comma + 1)}`;
  }
  return `${text.slice(0, end)},\n${indent}${item}${text.slice(end)}`;
}

function stringValues(literal: ts.ArrayLiteralExpression): string[] {
  return literal.elements.filter(ts.isStringLiteralLike).map((e) => e.text);
}

function propertyKeys(literal: ts.ObjectLiteralExpression): string[] {
  return literal.properties
    .map((p) =>
      p.name && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name) || ts.isNumericLiteral(p.name)) ? p.name.text : undefined,
    )
    .filter((k): k is string => k !== undefined);
}

/** `const name = ['A', 'B'] as const` → adds the string `value` (quoted like the others). */
export function appendArrayString(text: string, name: string, value: string): SourceEdit {
  const source = parse(text);
  const literal = variableInitializer(source, name);
  if (!literal || !ts.isArrayLiteralExpression(literal)) return { text, found: false, changed: false };
  if (stringValues(literal).includes(value)) return { text, found: true, changed: false };
  return { text: insertLast(text, source, literal, quote(text, value)), found: true, changed: true };
}

/** `const name: Record<…> = { … }` → adds `key: valueSource` (valueSource is TypeScript text). */
export function addObjectProperty(text: string, name: string, key: string, valueSource: string): SourceEdit {
  const source = parse(text);
  const literal = variableInitializer(source, name);
  if (!literal || !ts.isObjectLiteralExpression(literal)) return { text, found: false, changed: false };
  if (propertyKeys(literal).includes(key)) return { text, found: true, changed: false };
  return { text: insertLast(text, source, literal, `${propertyKey(key, text)}: ${valueSource}`), found: true, changed: true };
}

/**
 * Adds `value` to every array literal of strings that holds all of `members` (e.g. a test's
 * pinned list of department labels). Returns found=false when no such array exists.
 */
export function appendToStringArraysHolding(text: string, members: readonly string[], value: string): SourceEdit {
  let current = text;
  let found = false;
  let changed = false;
  // Re-parse after each insertion: positions move.
  for (;;) {
    const source = parse(current);
    const candidates = allLiterals(source).filter(
      (l): l is ts.ArrayLiteralExpression => ts.isArrayLiteralExpression(l) && members.every((m) => stringValues(l).includes(m)),
    );
    if (candidates.length) found = true;
    const pending = candidates.find((l) => !stringValues(l).includes(value));
    if (!pending) return { text: current, found, changed };
    current = insertLast(current, source, pending, quote(current, value));
    changed = true;
  }
}

/** Adds `key: valueSource` to every object literal that has all of `keys` (e.g. a test's map per slug). */
export function addPropertyToObjectsHolding(text: string, keys: readonly string[], key: string, valueSource: string): SourceEdit {
  let current = text;
  let found = false;
  let changed = false;
  for (;;) {
    const source = parse(current);
    const candidates = allLiterals(source).filter(
      (l): l is ts.ObjectLiteralExpression => ts.isObjectLiteralExpression(l) && keys.every((k) => propertyKeys(l).includes(k)),
    );
    if (candidates.length) found = true;
    const pending = candidates.find((l) => !propertyKeys(l).includes(key));
    if (!pending) return { text: current, found, changed };
    current = insertLast(current, source, pending, `${propertyKey(key, current)}: ${valueSource}`);
    changed = true;
  }
}

/** The file's own quote character (single quotes unless it uses double ones). */
function quote(text: string, value: string): string {
  const double = (text.match(/"/g)?.length ?? 0) > (text.match(/'/g)?.length ?? 0);
  return double ? JSON.stringify(value) : `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function propertyKey(key: string, text: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : quote(text, key);
}

/**
 * `const name = [{ code: 'A', … }, …]` → appends the object `objectSource` (TypeScript text) unless an element already
 * has `key` equal to `value` (e.g. a registry entry with the same code).
 */
export function appendArrayObject(text: string, name: string, key: string, value: string, objectSource: string): SourceEdit {
  const source = parse(text);
  const literal = variableInitializer(source, name);
  if (!literal || !ts.isArrayLiteralExpression(literal)) return { text, found: false, changed: false };
  const present = literal.elements.some(
    (element) =>
      ts.isObjectLiteralExpression(element) &&
      element.properties.some(
        (p) =>
          ts.isPropertyAssignment(p) &&
          p.name.getText(source) === key &&
          ts.isStringLiteralLike(p.initializer) &&
          p.initializer.text === value,
      ),
  );
  if (present) return { text, found: true, changed: false };
  return { text: insertLast(text, source, literal, objectSource), found: true, changed: true };
}
