export * from './industry.entity';
export * from './industry.object';
export * from './taxonomy.service';
export { industryLoader } from './taxonomy.resolver';
export * from './taxonomy.module';
