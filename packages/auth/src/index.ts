export * from './Principal';
export * from './signedPrincipal';
export * from './hubSecrets';
export * from './jwt';
export * from './authorize';
export * from './cellKey';
export * from './DisclosureControl';
