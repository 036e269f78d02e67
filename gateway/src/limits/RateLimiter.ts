// The token buckets live in @hub/runtime, shared with the county service's certificate check.
export { RateLimiter } from '@hub/runtime';
export type { ClientLimiter } from '@hub/runtime';
