import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { cellKeySecret, recordKey } from '@hub/auth';
import { BackgroundWork, demoPersons, ServiceParts, Transactions } from '@hub/subgraph-kit';
import { Department, departments } from '@hub/vocabulary';
import { CertificateCheckService, certificateCheckLimitsFromEnv } from './certificates/CertificateCheckService';
import { FeedSource, HolderIndexSync, httpFeedSource } from './feeds/HolderIndexSync';
import { TrainingProviderBackfill } from './feeds/TrainingProviderBackfill';
import { InstitutionOutputService } from './institutions/InstitutionOutputService';
import { AnnualTargetRepository } from './ledger/AnnualTargetRepository';
import { AnnualTargetService } from './ledger/AnnualTargetService';
import { FeedLeadership, leaseTimingFromEnv } from './feeds/FeedLeadership';
import { registerLeadershipMetrics } from './feeds/registerLeadershipMetrics';
import { LedgerRepository } from './ledger/LedgerRepository';
import { seedDemoTargets } from './ledger/seedDemoTargets';
import { ProgressLedgerService } from './ledger/ProgressLedgerService';
import { AggregateService } from './progress/AggregateService';
import { CountyProgressService } from './progress/CountyProgressService';
import { IndexFollower } from './progress/IndexFollower';
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
import { IndexSequence } from './repositories/IndexSequence';
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
  /** Pulls the departments' change feeds into the index (on the leader only, when replicated). */
  sync: HolderIndexSync;
  /** The index's change sequence; its holder id names this replica. */
  sequence: IndexSequence;
  /** Which replica pulls the feeds. */
  leadership: FeedLeadership;
  /** Keeps this replica's figures up with the leader's writes. */
  follower: IndexFollower;
  /** syncHolderIndex: the leader (or a lone process) pulls every feed now; another replica catches up with the leader. */
  syncNow(): Promise<void>;
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
  /** 培训成效 training institutions' outputs over every department's records, for hrss's register. */
  institutionOutputs: InstitutionOutputService;
  /** Fills the provider of trainings indexed before the index kept it, from the feeds. */
  providerBackfill: TrainingProviderBackfill;
}

/** Where the index reads each department's feed: its subgraph's GET /changes, signed as the county service. */
export function departmentFeeds(parts: Pick<ServiceParts, 'signingKey' | 'env'>): Record<Department, FeedSource> {
  return Object.fromEntries(
    departments.map((d): [Department, FeedSource] => [d, httpFeedSource(d, parts.signingKey, parts.env)]),
  ) as Record<Department, FeedSource>;
}

/** This replica's name on the feed lease: HUB_REPLICA_ID, else host, process and a random part (a restarted process is a new replica). */
export function replicaId(env: NodeJS.ProcessEnv): string {
  return (env.HUB_REPLICA_ID || `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`).slice(0, 96);
}

/** Builds the county service's repositories and services over its own database. */
export function createCountyServices(parts: ServiceParts, feeds: Record<Department, FeedSource> = departmentFeeds(parts)): CountyServices {
  const { dataSource, log, metrics } = parts;
  const gate = new IndexGate();
  // Every write of the county service goes through one queue of transactions (SQLite has one connection).
  const transactions = new Transactions(dataSource);
  const cursors = new FeedCursorRepository(dataSource, transactions);
  const sequence = new IndexSequence(dataSource, replicaId(parts.env));
  const writer = new IndexWriter(transactions, gate, cursors, sequence);
  const inputs = new CountyInputRepository(dataSource, transactions, gate, sequence);
  const targets = new AnnualTargetService(new AnnualTargetRepository(dataSource, transactions));
  const secret = cellKeySecret(parts.identity.keys.personKey);
  const facts = new CountyFactsRepository(dataSource);
  const holdings = new HoldingRepository(dataSource);
  const live = new LiveCountyModel(gate, facts, (personId) => recordKey(secret, personId));
  const progress = new CountyProgressService(gate, inputs, cursors, live);
  const sync = new HolderIndexSync(writer, cursors, feeds, log);
  const audit = new AuditRepository(dataSource, transactions);
  // New changes reach the county's figures as soon as a sync has drained the feeds, not at the next request.
  sync.onSettled(() => progress.warm());
  registerIndexMetrics(metrics.registry, progress);
  const follower = new IndexFollower(gate, sequence);
  const syncInterval = Number(parts.env.HUB_SYNC_INTERVAL_MS || 1000);
  const leadership = new FeedLeadership(
    transactions,
    sequence.holderId,
    leaseTimingFromEnv(parts.env),
    {
      elected: async () => {
        // Everything the previous leader applied is in this replica's figures before it applies anything itself.
        await follower.catchUp();
        sync.start(syncInterval);
      },
      deposed: () => sync.stop(),
    },
    log,
  );
  registerLeadershipMetrics(metrics.registry, leadership);
  const syncNow = async () => {
    // A process that takes no part in an election (a script, a test) is alone: it pulls.
    if (!leadership.electing || leadership.isLeader) await sync.syncAll();
    else await follower.catchUp();
  };
  return {
    gate,
    cursors,
    writer,
    masters: new PersonMasterRepository(dataSource),
    audit,
    inputs,
    holdings,
    quality: new DataQualityRepository(dataSource),
    qualityCounts: new IndexVersionCache(gate, 16),
    sync,
    sequence,
    leadership,
    follower,
    syncNow,
    progress,
    aggregates: new AggregateService(gate, live),
    ledger: new ProgressLedgerService(new LedgerRepository(dataSource, transactions), cursors, targets),
    targets,
    cellKeySecret: secret,
    certificates: new CertificateCheckService(dataSource, audit, certificateCheckLimitsFromEnv(parts.env)),
    institutionOutputs: new InstitutionOutputService(facts, holdings),
    providerBackfill: new TrainingProviderBackfill(dataSource, transactions, feeds, log),
  };
}

/**
 * The county service's background work: follow the index's change sequence every HUB_FOLLOW_INTERVAL_MS (default
 * 0.5 s), read the index into memory at start rather than on the first dashboard's request, and take part in the
 * election of the replica that pulls the feeds (every HUB_SYNC_INTERVAL_MS, default 1 s, while it leads).
 */
export function countyBackground(services: CountyServices, parts: Pick<ServiceParts, 'env' | 'log'>): BackgroundWork[] {
  let following: NodeJS.Timeout | null = null;
  let followed: Promise<unknown> = Promise.resolve();
  const followEvery = Number(parts.env.HUB_FOLLOW_INTERVAL_MS || 500);
  const follow = () => {
    followed = services.follower
      .catchUp()
      .then((changed) => (changed ? services.progress.warm() : undefined))
      .catch((error: unknown) =>
        parts.log.warn({ err: error instanceof Error ? error.message : String(error) }, '跟随持证索引失败 following the index failed'),
      )
      .finally(() => {
        if (following) following = setTimeout(follow, followEvery);
      });
  };
  return [
    {
      // First, so that the model read at warm-up is followed from a step before it.
      start: async () => {
        await services.follower.catchUp();
        following = setTimeout(follow, followEvery);
      },
      stop: async () => {
        if (following) clearTimeout(following);
        following = null;
        await followed;
      },
    },
    {
      start: () => {
        services.progress
          .warm()
          .catch((error: unknown) =>
            parts.log.warn(
              { err: error instanceof Error ? error.message : String(error) },
              '全县统计预热失败 county figures warm-up failed',
            ),
          );
      },
      stop: async () => undefined,
    },
    {
      start: () => services.leadership.start(),
      stop: () => services.leadership.stop(),
    },
    providerBackfillWork(services, parts),
    {
      // The demo county (npm start, HUB_DEMO on): targets the plan leaves to the office, once.
      start: async () => {
        if ((parts.env.HUB_DEMO || 'on').toLowerCase() === 'off') return;
        try {
          if (await seedDemoTargets(services.targets, demoPersons(parts.env))) parts.log.info('已生成演示目标 demo targets seeded');
        } catch (error) {
          parts.log.warn({ err: error instanceof Error ? error.message : String(error) }, '演示目标未生成 demo targets not seeded');
        }
      },
      stop: async () => undefined,
    },
  ];
}

/**
 * Fills the provider of trainings indexed before the index kept it (TrainingProviderBackfill) once the departments
 * answer: at start, then every HUB_PROVIDER_BACKFILL_RETRY_MS (default 30 s) for the departments that did not.
 */
function providerBackfillWork(services: CountyServices, parts: Pick<ServiceParts, 'env' | 'log'>): BackgroundWork {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const retryEvery = Number(parts.env.HUB_PROVIDER_BACKFILL_RETRY_MS || 30_000);
  const attempt = () => {
    running = services.providerBackfill
      .run()
      .then((outcome) => {
        if (outcome.pending.length && !stopped) timer = setTimeout(attempt, retryEvery);
      })
      .catch((error: unknown) => {
        parts.log.warn(
          { err: error instanceof Error ? error.message : String(error) },
          '培训机构回填失败 training provider backfill failed',
        );
        if (!stopped) timer = setTimeout(attempt, retryEvery);
      });
  };
  return {
    start: () => {
      timer = setTimeout(attempt, 0);
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
