import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { FetchNode, PlanNode, QueryPlanner } from '@apollo/query-planner';
import { parse } from 'graphql';

/** One subgraph request of a query plan. `stage` 0 runs first; fetches of one stage run in parallel. */
export interface PlannedFetch {
  serviceName: string;
  operation: string;
  variableUsages: string[];
  /** An _entities fetch (its representations come from an earlier stage). */
  entity: boolean;
  stage: number;
}

/**
 * The subgraph requests Apollo's query planner (the one inside our gateway) makes for an operation on
 * the supergraph, so a benchmark can send exactly those straight to the subgraphs.
 */
export function plannedFetches(supergraphSdl: string, query: string, operationName?: string): PlannedFetch[] {
  const supergraph = Supergraph.build(supergraphSdl);
  const planner = new QueryPlanner(supergraph);
  const plan = planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(query), { operationName }));
  const out: PlannedFetch[] = [];
  const fetchOf = (node: FetchNode, stage: number, entity: boolean) =>
    out.push({
      serviceName: node.serviceName,
      operation: node.operation,
      variableUsages: node.variableUsages ?? [],
      entity: entity || !!node.requires,
      stage,
    });
  const walk = (node: PlanNode | undefined, stage: number): number => {
    if (!node) return stage;
    switch (node.kind) {
      case 'Fetch':
        fetchOf(node, stage, false);
        return stage + 1;
      case 'Flatten':
        return walk(node.node, stage);
      case 'Sequence': {
        let next = stage;
        for (const child of node.nodes) next = walk(child, next);
        return next;
      }
      case 'Parallel':
        return Math.max(stage, ...node.nodes.map((child) => walk(child, stage)));
      default:
        throw new Error(`query plan node ${node.kind} is not expected in a benchmark query`);
    }
  };
  if (plan.node?.kind === 'Subscription') throw new Error('subscriptions are not benchmarked');
  walk(plan.node, 0);
  return out;
}
