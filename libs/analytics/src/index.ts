export * from './domain/csv';
export * from './analytics.service';
export * from './analytics.object';
export * from './analytics.module';
