import client from 'prom-client';
import type { FeedLeadership } from './FeedLeadership';

/** For operators (and the replica test): which county replica pulls the feeds right now. */
export function registerLeadershipMetrics(registry: client.Registry, leadership: FeedLeadership): void {
  new client.Gauge({
    name: 'hub_county_feed_leader',
    help: '1 on the county-service replica that holds the feed lease (pulls the departments’ feeds), else 0',
    registers: [registry],
    collect() {
      this.set(leadership.isLeader ? 1 : 0);
    },
  });
}
