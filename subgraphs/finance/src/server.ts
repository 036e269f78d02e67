import path from 'node:path';
import { demoFundAllocations, demoSubsidyClaims } from '@hub/demo-data';
import {
  BackgroundWork,
  createSubgraph,
  demoPersons,
  DepartmentParts,
  StatementCounter,
  SubgraphContext,
  toEntitySchema,
} from '@hub/subgraph-kit';
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
import { seedDemoClaims } from './subsidies/seedDemoClaims';

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
    // The demo county's fund allocations on a first start. Its claims come later, in the background (demoClaimsWork):
    // each is checked against hrss's catalogue and register and the county holder index, which are not up yet then.
    background: (services, parts) => [demoClaimsWork(services, parts)],
    demo: async ({ funds }, parts) => {
      for (const a of demoFundAllocations)
        await funds.allocate(a.programme, a.year, a.amountFen, a.why, { subject: 'demo-data', role: 'COUNTY_ADMIN' });
      parts.log.info({ allocations: demoFundAllocations.length }, '已生成演示资金拨付 demo fund allocations seeded');
    },
    context: (base, parts) => ({ ...base, ...parts }),
  });
}

/**
 * 演示补贴申领 the demo county's subsidy claims (HUB_DEMO on), once hrss and the county service answer and the county
 * index holds hrss's demo certificates: tried at start, then every HUB_DEMO_CLAIMS_RETRY_MS (default 5 s) for up to
 * ten minutes. Does nothing outside the demo county or once its claims are in (seedDemoClaims).
 */
export function demoClaimsWork(services: SubsidyParts, parts: DepartmentParts): BackgroundWork {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const retryEvery = Number(parts.env.HUB_DEMO_CLAIMS_RETRY_MS || 5000);
  const deadline = Date.now() + 10 * 60_000;
  const later = () => {
    if (!stopped && Date.now() < deadline) timer = setTimeout(attempt, retryEvery);
    else if (!stopped)
      parts.log.warn('演示补贴申领未完成：人社局或县统计调度服务十分钟内未就绪 demo subsidy claims not seeded: services not ready');
  };
  const attempt = () => {
    const plan = demoSubsidyClaims(demoPersons(parts.env), new Date().toISOString().slice(0, 10));
    running = seedDemoClaims({ dataSource: parts.dataSource, ...services }, plan)
      .then((outcome) => {
        if (outcome.waiting) {
          parts.log.debug({ waiting: outcome.waiting, paid: outcome.paid }, '演示补贴申领等待其他服务 demo subsidy claims waiting');
          later();
        } else if (!outcome.skipped) {
          parts.log.info(
            { paid: outcome.paid, already: outcome.already, refused: outcome.refused },
            '已生成演示补贴申领 demo subsidy claims seeded',
          );
        }
      })
      .catch((error: unknown) => {
        parts.log.warn({ err: error instanceof Error ? error.message : String(error) }, '演示补贴申领失败 demo subsidy claims failed');
        later();
      });
  };
  return {
    start: () => {
      if ((parts.env.HUB_DEMO || 'on').toLowerCase() === 'off') return;
      timer = setTimeout(attempt, 0);
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
