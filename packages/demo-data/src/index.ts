export * from './random';
export * from './demoPeople';
export * from './demoRecords';
export * from './demoProgrammes';
export * from './demoSubsidyClaims';
