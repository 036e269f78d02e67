export * from './services';
export * from './createLogger';
export * from './httpService';
