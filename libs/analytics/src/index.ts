export * from './domain/ratio';
export * from './analytics.service';
export * from './analytics.object';
export * from './analytics.module';
export * from './funnel.entity';
export * from './analytics.jobs';
