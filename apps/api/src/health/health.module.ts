import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { IdentityModule } from '@app/identity';
import { HealthController } from './health.controller';

@Module({ imports: [TerminusModule, IdentityModule], controllers: [HealthController] })
export class HealthModule {}
