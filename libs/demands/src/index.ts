export * from './domain/demand-status';
export * from './domain/cooperation-mode';
export * from './demand.entity';
export * from './demand.object';
export * from './demands.service';
export * from './demand.loaders';
export * from './demands.jobs';
export * from './demands.module';
export { DEMAND_FIELD_COLUMNS } from './demands.resolver';
