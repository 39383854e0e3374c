export * from './schema';
export * from './database.module';
export * from './migration-tools';
