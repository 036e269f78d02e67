export * from './checkSchemaConventions';
export * from './contractRecords';
export * from './createContractEnv';
export * from './runDepartmentContract';
export * from './undoMigrationsThrough';
