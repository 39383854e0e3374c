import DataLoader from 'dataloader';
import { byKeys, RequestLoaders } from '@app/core';
import { Actor } from '@app/identity';
import { AchievementsService } from './achievements.service';
import { AchievementEntity } from './entities/achievement.entity';

/**
 * Achievements other objects point at (a match's target, a deal's subject), by id, as the viewer may see them:
 * batched per request, null for one the viewer may not see (the rule of `canView` in achievement-access).
 */
export function visibleAchievementLoader(
  loaders: RequestLoaders,
  achievements: AchievementsService,
  actor: Actor | undefined,
) {
  return loaders.get(
    'achievements.visibleById',
    () =>
      new DataLoader<string, AchievementEntity | null>(async (ids) =>
        byKeys(ids, await achievements.visibleByIds(actor, ids), (achievement) => achievement.id),
      ),
  );
}
