export * from './enums';
export * from './vocabularySdl';
export * from './townships';
export * from './occupations';
export * from './levels';
export * from './certificateKinds';
export * from './countingRules';
export * from './planTargets';
