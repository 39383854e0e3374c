import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** The 应用场景 badge of an application scenario; nothing for a technical problem. */
export function DemandKindTag({ kind }: { kind?: string | null }) {
  const { t } = useTranslation();
  if (kind !== 'APPLICATION_SCENARIO') return null;
  return (
    <Tag color="#6b3fa0" data-testid="scenario-badge">
      {t('scenario.badge')}
    </Tag>
  );
}
