export * from './services';
export * from './createLogger';
export * from './httpService';
export * from './metrics';
export * from './limitHeapGrowth';
export * from './createFormatError';
export * from './createOperatorService';
export * from './RateLimiter';
