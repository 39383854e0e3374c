import { Injectable, OnModuleInit } from '@nestjs/common';
import { FileAccessRegistry, FileOwnerKind } from '@app/files';
import { Actor } from '@app/identity';
import { canFollowWorkflow } from './achievement-access';
import { AchievementsService } from './achievements.service';
import { AchievementEntity } from './entities/achievement.entity';

/**
 * Who may download an achievement's files: its attachments as its confidential fields (institution members,
 * team, administrators, a broker working on it, a revealed introduction's demand side, once visible); the documents of its procedure (signed consents, the agreement,
 * review steps) as its workflow (team, TTO, administrators). Registered with the files lib at boot.
 */
@Injectable()
export class AchievementFileAccess implements OnModuleInit {
  constructor(
    private readonly registry: FileAccessRegistry,
    private readonly achievements: AchievementsService,
  ) {}

  onModuleInit(): void {
    this.registry.register(FileOwnerKind.ACHIEVEMENT_ATTACHMENT, (actor, id) =>
      this.check(actor, id, (who, achievement, inventors) =>
        this.achievements.canSeeConfidential(who, achievement, inventors),
      ),
    );
    this.registry.register(FileOwnerKind.ACHIEVEMENT_RECORD, (actor, id) => this.check(actor, id, canFollowWorkflow));
  }

  private async check(
    actor: Actor | undefined,
    id: string,
    rule: (
      actor: Actor,
      achievement: AchievementEntity,
      inventors: ReadonlyArray<{ userId: string | null }>,
    ) => boolean | Promise<boolean>,
  ): Promise<boolean> {
    if (!actor) return false;
    const [achievement] = await this.achievements.visibleByIds(actor, [id]);
    if (!achievement) return false;
    return rule(actor, achievement, await this.achievements.inventorsOf([id]));
  }
}
