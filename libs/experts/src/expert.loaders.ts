import DataLoader from 'dataloader';
import { byKeys, RequestLoaders } from '@app/core';
import { Actor } from '@app/identity';
import { ExpertEntity } from './expert.entity';
import { ExpertsService } from './experts.service';

/**
 * Experts other objects point at (a match's target, an introduction's), by id, as the viewer may see them: one
 * query per request, null for a profile the viewer may not see (ExpertsService.canView decides).
 */
export function visibleExpertLoader(loaders: RequestLoaders, experts: ExpertsService, actor: Actor | undefined) {
  return loaders.get(
    'experts.visibleById',
    () =>
      new DataLoader<string, ExpertEntity | null>(async (ids) =>
        byKeys(
          ids,
          (await experts.expertsByIds(ids)).filter((expert) => experts.canView(actor, expert)),
          (expert) => expert.id,
        ),
      ),
  );
}
