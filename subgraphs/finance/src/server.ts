import path from 'node:path';
import { demoFundAllocations } from '@hub/demo-data';
import { createSubgraph, DepartmentParts, StatementCounter, SubgraphContext, toEntitySchema } from '@hub/subgraph-kit';
import { guardedIntakeRoutes } from '@hub/intake';
import { department } from './department';
import { subsidyTables } from './entities/subsidyTables';
import type { FinanceContext } from './FinanceContext';
import { SubsidyFacts } from './facts/SubsidyFacts';
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
export type SubsidyParts = Omit<FinanceContext, keyof SubgraphContext>;

/** Finance's subsidy ledger over its own database; the catalogue and certificates it asks hrss and the county service for. */
function createSubsidyParts(parts: DepartmentParts): SubsidyParts {
  const { dataSource, repo, identity, env } = parts;
  const ruleRepository = new SubsidyRuleRepository(dataSource);
  const claims = new ClaimRepository(dataSource);
  // HUB_FUND_OVERDRAFT=allow pays beyond a programme-year's allocation (the ledger shows the negative balance); the default refuses.
  const fundLedger = new FundLedgerRepository(dataSource, env.HUB_FUND_OVERDRAFT === 'allow');
  const rules = new SubsidyRuleService(ruleRepository, repo);
  const facts = new SubsidyFacts(parts.signingKey, env);
  return {
    rules,
    ruleRepository,
    claims,
    fundLedger,
    funds: new FundService(fundLedger, repo),
    evaluationSubsidies: new EvaluationSubsidyService(claims, fundLedger, rules, facts, repo, identity),
    employmentSubsidies: new EmploymentSubsidyService(claims, fundLedger, rules, facts, repo, identity),
  };
}

/** Builds the finance subgraph with its subsidy ledger (importable by tests); `index.ts` makes it listen. */
export function createFinanceSubgraph(env: NodeJS.ProcessEnv = process.env, counter?: StatementCounter) {
  return createSubgraph<FinanceContext, SubsidyParts>({
    definition: department,
    // Spreadsheet import, templates and exports over HTTP (the gateway proxies them with the caller's identity).
    routes: (hub) => guardedIntakeRoutes(hub),
    schemaFile: path.join(__dirname, '..', 'schema.graphql'),
    resolvers,
    entities: subsidyTables.map((spec) => toEntitySchema(spec)),
    migrations: [Initial1764115200000, Subsidies1764201600000, CumulativeCapAndFund1765000000000],
    env,
    counter,
    services: createSubsidyParts,
    // The demo county's fund allocations on a first start. Claims are not seeded: each is checked against hrss's
    // catalogue and register and the county holder index, which are not running yet then.
    demo: async ({ funds }, parts) => {
      for (const a of demoFundAllocations)
        await funds.allocate(a.programme, a.year, a.amountFen, a.why, { subject: 'demo-data', role: 'COUNTY_ADMIN' });
      parts.log.info({ allocations: demoFundAllocations.length }, '已生成演示资金拨付 demo fund allocations seeded');
    },
    context: (base, parts) => ({ ...base, ...parts }),
  });
}
