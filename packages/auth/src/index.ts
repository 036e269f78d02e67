export * from './Principal';
export * from './signedPrincipal';
export * from './NonceLedger';
export * from './hubSecrets';
export * from './jwt';
export * from './authorize';
export * from './cellKey';
export * from './DisclosureControl';
