export * from './domain/expert-service';
export * from './expert.entity';
export * from './expert.object';
export * from './experts.service';
export * from './expert.loaders';
export * from './experts.module';
export { EXPERT_FIELD_COLUMNS } from './experts.resolver';
