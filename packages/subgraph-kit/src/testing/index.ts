export * from './checkSchemaConventions';
export * from './contractRecords';
export * from './createContractEnv';
export * from './rootFieldNames';
export * from './runDepartmentContract';
export * from './undoMigrationsThrough';
