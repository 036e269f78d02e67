import { ASTNode, BREAK, DocumentNode, GraphQLError, GraphQLSchema, Kind, ValidationContext, ValidationRule, visit } from 'graphql';
import { FragmentCycle, operationFigures } from './operationFigures';

export interface OperationLimits {
  /** Deepest field nesting allowed. */
  maxDepth: number;
  /** Aliased fields allowed in one operation, fragments expanded. */
  maxAliases: number;
  /** Estimated cost allowed: each field costs 1, times the page size of every list above it. */
  maxCost: number;
  /** Syntax nodes allowed in one document (fields, arguments, values, directives, names…). */
  maxNodes: number;
  /** Fields allowed in one operation once fragments are expanded. */
  maxFields: number;
  /** Fields allowed at one level of one selection set, fragments merged in (graphql-js compares them pairwise). */
  maxBreadth: number;
  /** Directives allowed on one field, fragment or operation. */
  maxDirectives: number;
  /** Selection sets allowed inside one another, inline fragments included (bounds every recursive walk). */
  maxNesting: number;
  /** Milliseconds of CPU time validation may take before the document is refused, whatever the cause. */
  validationBudgetMs: number;
}

export const defaultLimits: OperationLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxCost: 20_000,
  maxNodes: 1_000,
  maxFields: 500,
  maxBreadth: 50,
  maxDirectives: 5,
  maxNesting: 40,
  validationBudgetMs: 100,
};

const ENV: Record<keyof OperationLimits, string> = {
  maxDepth: 'HUB_MAX_DEPTH',
  maxAliases: 'HUB_MAX_ALIASES',
  maxCost: 'HUB_MAX_COST',
  maxNodes: 'HUB_MAX_NODES',
  maxFields: 'HUB_MAX_FIELDS',
  maxBreadth: 'HUB_MAX_BREADTH',
  maxDirectives: 'HUB_MAX_DIRECTIVES',
  maxNesting: 'HUB_MAX_NESTING',
  validationBudgetMs: 'HUB_VALIDATION_BUDGET_MS',
};

/** The limits, each from its HUB_MAX_* variable when set (a positive number), else the default. */
export function limitsFromEnv(env: NodeJS.ProcessEnv): OperationLimits {
  const limits = { ...defaultLimits };
  for (const key of Object.keys(ENV) as (keyof OperationLimits)[]) {
    const raw = env[ENV[key]];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${ENV[key]} 须为正数 (must be a positive number), got "${raw}"`);
    limits[key] = value;
  }
  return limits;
}

function limitError(message: string, reason: string, nodes?: ASTNode[]): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason } });
}

/**
 * One linear pass over the syntax tree (iterative, stops at the budget): node count, nesting of selection
 * sets, directives per location. Run before anything recursive walks the document.
 */
function shapeErrors(document: DocumentNode, limits: OperationLimits): GraphQLError[] {
  let nodes = 0;
  let nesting = 0;
  let deepest = 0;
  let directives = 0;
  visit(document, {
    enter(node) {
      if (++nodes > limits.maxNodes) return BREAK;
      if (node.kind === Kind.SELECTION_SET) deepest = Math.max(deepest, ++nesting);
      if ('directives' in node && node.directives) directives = Math.max(directives, node.directives.length);
      return undefined;
    },
    leave(node) {
      if (node.kind === Kind.SELECTION_SET) nesting--;
    },
  });
  if (nodes > limits.maxNodes)
    return [limitError(`查询文档过大，超过 ${limits.maxNodes} 个语法节点 (document has more than ${limits.maxNodes} nodes)`, 'NODE_LIMIT')];
  const errors: GraphQLError[] = [];
  if (deepest > limits.maxNesting)
    errors.push(
      limitError(
        `查询嵌套层数 ${deepest} 超过上限 ${limits.maxNesting} (selection sets nested ${deepest} deep exceed ${limits.maxNesting})`,
        'NESTING_LIMIT',
      ),
    );
  if (directives > limits.maxDirectives)
    errors.push(
      limitError(
        `一处使用了 ${directives} 个指令，超过上限 ${limits.maxDirectives} (${directives} directives in one place exceed ${limits.maxDirectives})`,
        'DIRECTIVE_LIMIT',
      ),
    );
  return errors;
}

/** Every limit the document breaks, measured in time linear in its size; empty when it is within all of them. */
export function limitErrors(document: DocumentNode, schema: GraphQLSchema, limits: OperationLimits): GraphQLError[] {
  const shape = shapeErrors(document, limits);
  if (shape.length) return shape;
  let figures: ReturnType<typeof operationFigures>;
  try {
    figures = operationFigures(document, schema);
  } catch (error) {
    if (!(error instanceof FragmentCycle)) throw error;
    return [limitError(`片段 ${error.fragment} 循环引用自身 (fragment ${error.fragment} spreads itself)`, 'FRAGMENT_CYCLE')];
  }
  const errors: GraphQLError[] = [];
  for (const [operation, f] of figures) {
    const at = [operation];
    if (f.depth > limits.maxDepth)
      errors.push(
        limitError(
          `查询嵌套深度 ${f.depth} 超过上限 ${limits.maxDepth} (query depth ${f.depth} exceeds ${limits.maxDepth})`,
          'DEPTH_LIMIT',
          at,
        ),
      );
    if (f.aliases > limits.maxAliases)
      errors.push(
        limitError(
          `查询使用了 ${f.aliases} 个别名，超过上限 ${limits.maxAliases} (${f.aliases} aliases exceed ${limits.maxAliases})`,
          'ALIAS_LIMIT',
          at,
        ),
      );
    if (f.fields > limits.maxFields)
      errors.push(
        limitError(
          `展开片段后查询含 ${f.fields} 个字段，超过上限 ${limits.maxFields} (${f.fields} fields once fragments are expanded exceed ${limits.maxFields})`,
          'FIELD_LIMIT',
          at,
        ),
      );
    if (f.widest > limits.maxBreadth)
      errors.push(
        limitError(
          `同一层级请求了 ${f.widest} 个字段，超过上限 ${limits.maxBreadth} (${f.widest} fields at one level exceed ${limits.maxBreadth})`,
          'BREADTH_LIMIT',
          at,
        ),
      );
    if (f.cost > limits.maxCost)
      errors.push(
        limitError(
          `查询估算成本 ${f.cost} 超过上限 ${limits.maxCost}，请减少分页大小或字段 (estimated cost ${f.cost} exceeds ${limits.maxCost})`,
          'COST_LIMIT',
          at,
        ),
      );
  }
  return errors;
}

/** Visited in place of a refused document, so no other validation rule walks it. */
const EMPTY_DOCUMENT: DocumentNode = { kind: Kind.DOCUMENT, definitions: [] };
/** Nodes visited between two looks at the clock. */
const CLOCK_EVERY = 64;

/** CPU time of this process in ms: wall time would refuse ordinary documents whenever the machine is busy. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * 查询限制: the gateway's operation limits as one validation rule. graphql-js runs all rules in one walk;
 * this rule measures the whole document when the walk enters it (before any rule sees a selection set)
 * and, when a limit is broken, reports it and hands the walk an empty document, so the costlier rules
 * (OverlappingFieldsCanBeMerged compares fields pairwise) never see the refused one. Whatever still gets
 * through is held to a budget of CPU time: past it the document is refused and the rest of the walk skipped.
 * Must be the last rule: a rule after it would see the document before the refusal.
 */
export function operationLimitsRule(limits: OperationLimits = defaultLimits): ValidationRule {
  return (context: ValidationContext) => {
    let started = 0;
    let visited = 0;
    let overtime = false;
    return {
      Document: {
        enter(document: DocumentNode) {
          started = cpuMs();
          const errors = limitErrors(document, context.getSchema(), limits);
          if (!errors.length) return undefined;
          for (const error of errors) context.reportError(error);
          return EMPTY_DOCUMENT;
        },
      },
      enter() {
        if (overtime) return null;
        if (++visited % CLOCK_EVERY !== 0 || cpuMs() - started <= limits.validationBudgetMs) return undefined;
        overtime = true;
        context.reportError(
          limitError(
            `查询校验超过 ${limits.validationBudgetMs} 毫秒，已拒绝 (validation took longer than ${limits.validationBudgetMs} ms)`,
            'VALIDATION_TIME_LIMIT',
          ),
        );
        // null removes the node from the walk: no rule descends into what is left.
        return null;
      },
    };
  };
}

const only = (overrides: Partial<OperationLimits>): OperationLimits => ({
  ...defaultLimits,
  ...Object.fromEntries(Object.keys(defaultLimits).map((k) => [k, Infinity])),
  ...overrides,
});

/** 查询深度限制 alone (the schema check validates client operations with it). */
export const depthLimitRule = (max: number): ValidationRule => operationLimitsRule(only({ maxDepth: max }));
/** 别名数量限制 alone. */
export const aliasLimitRule = (max: number): ValidationRule => operationLimitsRule(only({ maxAliases: max }));
/** 查询成本限制 alone. */
export const costLimitRule = (max: number): ValidationRule => operationLimitsRule(only({ maxCost: max }));
