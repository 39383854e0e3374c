import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AchievementStatus } from '../../gql/graphql';
import { achievementStage, STAGE_COLOURS } from './status';

export function StageTag({ status, rejectionReason }: { status: AchievementStatus; rejectionReason?: string | null }) {
  const { t } = useTranslation();
  const stage = achievementStage(status, rejectionReason);
  return (
    <Tag color={STAGE_COLOURS[stage]} data-stage={stage}>
      {t(`myAchievements.stage.${stage}`)}
    </Tag>
  );
}
