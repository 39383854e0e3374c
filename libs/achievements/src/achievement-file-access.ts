import { Injectable, OnModuleInit } from '@nestjs/common';
import { FileAccessRegistry, FileOwnerKind } from '@app/files';
import { Actor } from '@app/identity';
import { canFollowWorkflow, canSeeConfidential } from './achievement-access';
import { AchievementsService } from './achievements.service';

/**
 * Who may download an achievement's files: its attachments as its confidential fields (institution members,
 * team, brokers, administrators, once visible); the documents of its procedure (signed consents, the agreement,
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
      this.check(actor, id, canSeeConfidential),
    );
    this.registry.register(FileOwnerKind.ACHIEVEMENT_RECORD, (actor, id) => this.check(actor, id, canFollowWorkflow));
  }

  private async check(actor: Actor | undefined, id: string, rule: typeof canSeeConfidential): Promise<boolean> {
    if (!actor) return false;
    const [achievement] = await this.achievements.visibleByIds(actor, [id]);
    if (!achievement) return false;
    return rule(actor, achievement, await this.achievements.inventorsOf([id]));
  }
}
