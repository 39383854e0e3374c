import DataLoader from 'dataloader';
import { byKeys, RequestLoaders } from '@app/core';
import { Actor } from '@app/identity';
import { DemandEntity } from './demand.entity';
import { DemandsService } from './demands.service';

/**
 * Demands other objects point at (a match's, an introduction's), by id, as the viewer may see them: one query
 * per request for all of them, and null for a demand the viewer may not see (DemandsService.canView decides).
 */
export function visibleDemandLoader(loaders: RequestLoaders, demands: DemandsService, actor: Actor | undefined) {
  return loaders.get(
    'demands.visibleById',
    () =>
      new DataLoader<string, DemandEntity | null>(async (ids) =>
        byKeys(
          ids,
          (await demands.demandsByIds(ids)).filter((demand) => demands.canView(actor, demand)),
          (demand) => demand.id,
        ),
      ),
  );
}
