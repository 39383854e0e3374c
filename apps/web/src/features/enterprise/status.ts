import type { DemandStatus, IntroductionStatus } from '../../gql/graphql';
import { TAG_COLOURS } from '../../shared/ui/tag-colours';

/** Tag colours per demand status (solid colours with white text where the status asks for attention). */
export const DEMAND_STATUS_COLOURS: Record<DemandStatus, string> = {
  DRAFT: 'default',
  OPEN: TAG_COLOURS.mode,
  IN_PROGRESS: 'blue',
  SOLVED: 'purple',
  CLOSED: 'default',
  EXPIRED: TAG_COLOURS.warning,
};

export const DEMAND_STATUSES: DemandStatus[] = ['DRAFT', 'OPEN', 'IN_PROGRESS', 'SOLVED', 'EXPIRED', 'CLOSED'];

export const INTRODUCTION_STATUS_COLOURS: Record<IntroductionStatus, string> = {
  PROPOSED: TAG_COLOURS.warning,
  ACCEPTED: TAG_COLOURS.mode,
  DECLINED: TAG_COLOURS.danger,
  WITHDRAWN: 'default',
};
