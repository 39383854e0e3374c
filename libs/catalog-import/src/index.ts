export * from './domain/dataset-records';
export * from './domain/language';
export * from './domain/validate-line';
export * from './domain/organisation-set';
export * from './domain/import-report';
export * from './import.service';
export * from './import.module';
