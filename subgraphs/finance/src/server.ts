import path from 'node:path';
import { createSubgraph, StatementCounter, SubgraphContext, toEntitySchema } from '@hub/subgraph-kit';
import { guardedIntakeRoutes } from '@hub/intake';
import { department } from './department';
import { subsidyTables } from './entities/subsidyTables';
import type { FinanceContext } from './FinanceContext';
import { HrssClient } from './hrss/HrssClient';
import { Initial1764115200000 } from './migrations/1764115200000-Initial';
import { Subsidies1764201600000 } from './migrations/1764201600000-Subsidies';
import { CumulativeCapAndFund1765000000000 } from './migrations/1765000000000-CumulativeCapAndFund';
import { ClaimRepository } from './repositories/ClaimRepository';
import { FundLedgerRepository } from './repositories/FundLedgerRepository';
import { SubsidyRuleRepository } from './repositories/SubsidyRuleRepository';
import { resolvers } from './resolvers';
import { EmploymentSubsidyService } from './subsidies/EmploymentSubsidyService';
import { EvaluationSubsidyService } from './subsidies/EvaluationSubsidyService';
import { FundService } from './subsidies/FundService';
import { SubsidyRuleService } from './subsidies/SubsidyRuleService';

/** What finance adds to each request's context: one instance each per process. */
type SubsidyParts = Omit<FinanceContext, keyof SubgraphContext>;

/** Builds the finance subgraph with its subsidy ledger (importable by tests); `index.ts` makes it listen. */
export function createFinanceSubgraph(env: NodeJS.ProcessEnv = process.env, counter?: StatementCounter) {
  let parts: SubsidyParts;
  const hub = createSubgraph<FinanceContext>({
    definition: department,
    // Spreadsheet import, templates and exports over HTTP (the gateway proxies them with the caller's identity).
    routes: (hub) => guardedIntakeRoutes(hub),
    schemaFile: path.join(__dirname, '..', 'schema.graphql'),
    resolvers,
    entities: subsidyTables.map((spec) => toEntitySchema(spec)),
    migrations: [Initial1764115200000, Subsidies1764201600000, CumulativeCapAndFund1765000000000],
    env,
    counter,
    extendContext: (base) => ({ ...base, ...parts }),
  });
  const ruleRepository = new SubsidyRuleRepository(hub.dataSource);
  const claims = new ClaimRepository(hub.dataSource);
  // HUB_FUND_OVERDRAFT=allow pays beyond a programme-year's allocation (the ledger shows the negative balance); the default refuses.
  const fundLedger = new FundLedgerRepository(hub.dataSource, env.HUB_FUND_OVERDRAFT === 'allow');
  const rules = new SubsidyRuleService(ruleRepository, hub.repo);
  // Catalogue and certificates are hrss's: finance asks hrss over HTTP as the service role.
  const hrss = new HrssClient(hub.signingKey, env);
  parts = {
    rules,
    ruleRepository,
    claims,
    fundLedger,
    funds: new FundService(fundLedger, hub.repo),
    evaluationSubsidies: new EvaluationSubsidyService(claims, fundLedger, rules, hrss, hub.repo, hub.identity),
    employmentSubsidies: new EmploymentSubsidyService(claims, fundLedger, rules, hrss, hub.repo, hub.identity),
  };
  return Object.assign(hub, { subsidies: parts });
}
