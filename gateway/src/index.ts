import { announceListening, limitHeapGrowth } from '@hub/runtime';
import { createGateway } from './createGateway';

limitHeapGrowth();
const gateway = createGateway();
gateway.listen().then(
  () => announceListening(),
  (error: unknown) => {
    gateway.log.fatal({ err: error }, 'gateway failed to start');
    process.exit(1);
  },
);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    gateway.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
