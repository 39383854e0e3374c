import { TAG_COLOURS } from '../../shared/ui/tag-colours';

export const CATALOGUE_STATUS_COLOURS: Record<string, string> = {
  PENDING: TAG_COLOURS.warning,
  PUBLISHED: TAG_COLOURS.mode,
  REJECTED: TAG_COLOURS.danger,
};
