import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '@app/core';
import { FileAccessRegistry, FileOwnerKind } from '@app/files';
import { EvaluationReportEntity, EvaluationReportValueEntity } from './entities/evaluation.entities';
import { speaksForInstitution } from './programme-access';
import { RewardsService } from './rewards.service';

/**
 * Reward evidence is downloadable by whoever sees the application (administrators, the institution's TTO, the
 * team); an evaluation attachment by administrators and the institution's TTO.
 */
@Injectable()
export class ProgrammeFileAccess implements OnModuleInit {
  constructor(
    private readonly registry: FileAccessRegistry,
    private readonly rewards: RewardsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register(FileOwnerKind.REWARD_EVIDENCE, async (actor, applicationId) => {
      if (!actor) return false;
      try {
        await this.rewards.get(actor, applicationId);
        return true;
      } catch (error) {
        if (error instanceof DomainException) return false;
        throw error;
      }
    });
    this.registry.register(FileOwnerKind.EVALUATION_EVIDENCE, async (actor, valueId) => {
      if (!actor) return false;
      if (actor.isAdmin) return true;
      const value = await this.dataSource.getRepository(EvaluationReportValueEntity).findOneBy({ id: valueId });
      const report = value
        ? await this.dataSource.getRepository(EvaluationReportEntity).findOneBy({ id: value.reportId })
        : null;
      return !!report && speaksForInstitution(actor, report.institutionId);
    });
  }
}
