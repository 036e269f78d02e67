import { cellKeySecret, recordKey } from '@hub/auth';
import { BackgroundWork, ServiceParts, Transactions } from '@hub/subgraph-kit';
import { Department, departments } from '@hub/vocabulary';
import { CertificateCheckService, certificateCheckLimitsFromEnv } from './certificates/CertificateCheckService';
import { FeedSource, HolderIndexSync, httpFeedSource } from './feeds/HolderIndexSync';
import { AnnualTargetRepository } from './ledger/AnnualTargetRepository';
import { AnnualTargetService } from './ledger/AnnualTargetService';
import { LedgerRepository } from './ledger/LedgerRepository';
import { ProgressLedgerService } from './ledger/ProgressLedgerService';
import { AggregateService } from './progress/AggregateService';
import { CountyProgressService } from './progress/CountyProgressService';
import { IndexVersionCache } from './progress/IndexVersionCache';
import { LiveCountyModel } from './progress/LiveCountyModel';
import { registerIndexMetrics } from './progress/registerIndexMetrics';
import { AuditRepository } from './repositories/AuditRepository';
import { CountyFactsRepository } from './repositories/CountyFactsRepository';
import { CountyInputRepository } from './repositories/CountyInputRepository';
import { DataQualityRepository, QualityCounts } from './repositories/DataQualityRepository';
import { FeedCursorRepository } from './repositories/FeedCursorRepository';
import { HoldingRepository } from './repositories/HoldingRepository';
import { IndexGate } from './repositories/IndexGate';
import { IndexWriter } from './repositories/IndexWriter';
import { PersonMasterRepository } from './repositories/PersonMasterRepository';

/** The county service's parts: one instance each per process, shared by every request. */
export interface CountyServices {
  /** The one order of index writes and consistent reads; its version keys the caches. */
  gate: IndexGate;
  cursors: FeedCursorRepository;
  writer: IndexWriter;
  masters: PersonMasterRepository;
  audit: AuditRepository;
  inputs: CountyInputRepository;
  holdings: HoldingRepository;
  /** The data-quality lists over the index. */
  quality: DataQualityRepository;
  /** dataQuality's counts per scope, until the index changes. */
  qualityCounts: IndexVersionCache<QualityCounts[]>;
  /** Pulls the departments' change feeds into the index. */
  sync: HolderIndexSync;
  progress: CountyProgressService;
  /** Analysts' ad-hoc grouping over the index. */
  aggregates: AggregateService;
  ledger: ProgressLedgerService;
  /** 年度目标 the office's annual targets by department × channel and by township, with their history. */
  targets: AnnualTargetService;
  /** The secret of the cell-key method's record keys (derived from the person key). */
  cellKeySecret: Buffer;
  /** 证书查询 for employers: rate-limited per caller, audited. */
  certificates: CertificateCheckService;
}

/** Where the index reads each department's feed: its subgraph's GET /changes, signed as the county service. */
export function departmentFeeds(parts: Pick<ServiceParts, 'signingKey' | 'env'>): Record<Department, FeedSource> {
  return Object.fromEntries(departments.map((d): [Department, FeedSource] => [d, httpFeedSource(d, parts.signingKey, parts.env)])) as Record<Department, FeedSource>;
}

/** Builds the county service's repositories and services over its own database. */
export function createCountyServices(parts: ServiceParts, feeds: Record<Department, FeedSource> = departmentFeeds(parts)): CountyServices {
  const { dataSource, log, metrics } = parts;
  const gate = new IndexGate();
  // Every write of the county service goes through one queue of transactions (SQLite has one connection).
  const transactions = new Transactions(dataSource);
  const cursors = new FeedCursorRepository(dataSource, transactions);
  const writer = new IndexWriter(transactions, gate, cursors);
  const inputs = new CountyInputRepository(dataSource, transactions, gate);
  const targets = new AnnualTargetService(new AnnualTargetRepository(dataSource, transactions));
  const secret = cellKeySecret(parts.identity.keys.personKey);
  const live = new LiveCountyModel(gate, new CountyFactsRepository(dataSource), (personId) => recordKey(secret, personId));
  const progress = new CountyProgressService(gate, inputs, cursors, live);
  const sync = new HolderIndexSync(writer, cursors, feeds, log);
  const audit = new AuditRepository(dataSource, transactions);
  // New changes reach the county's figures as soon as a sync has drained the feeds, not at the next request.
  sync.onSettled(() => progress.warm());
  registerIndexMetrics(metrics.registry, progress);
  return {
    gate,
    cursors,
    writer,
    masters: new PersonMasterRepository(dataSource),
    audit,
    inputs,
    holdings: new HoldingRepository(dataSource),
    quality: new DataQualityRepository(dataSource),
    qualityCounts: new IndexVersionCache(gate, 16),
    sync,
    progress,
    aggregates: new AggregateService(gate, live),
    ledger: new ProgressLedgerService(new LedgerRepository(dataSource, transactions), cursors, targets),
    targets,
    cellKeySecret: secret,
    certificates: new CertificateCheckService(dataSource, audit, certificateCheckLimitsFromEnv(parts.env)),
  };
}

/**
 * The county service's background work: pull the feeds every HUB_SYNC_INTERVAL_MS (default 1 s), and read the index
 * into memory at start rather than on the first dashboard's request.
 */
export function countyBackground(services: CountyServices, parts: Pick<ServiceParts, 'env' | 'log'>): BackgroundWork[] {
  return [
    {
      start: () => services.sync.start(Number(parts.env.HUB_SYNC_INTERVAL_MS || 1000)),
      stop: () => services.sync.stop(),
    },
    {
      start: () => {
        services.progress.warm().catch((error: unknown) =>
          parts.log.warn({ err: error instanceof Error ? error.message : String(error) }, '全县统计预热失败 county figures warm-up failed'),
        );
      },
      stop: async () => undefined,
    },
  ];
}

