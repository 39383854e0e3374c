import { lazy, Suspense } from 'react';
import { Descriptions, Tag, Typography } from 'antd';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDate, formatWan, industryName } from '../../../shared/lib/format';
import { DetailShell } from '../components/DetailShell';
import { AchievementQuery } from '../operations';
import { useSession } from '../../../app/session-context';

// 请求引荐 for enterprise members (the broker feature's), loaded only for signed-in visitors.
const AskIntroduction = lazy(() => import('../../broker/components/AskIntroduction'));

export default function AchievementPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { data, loading, error, refetch } = useQuery(AchievementQuery, { variables: { id } });
  const a = data?.achievement;
  const { session } = useSession();
  return (
    <DetailShell loading={loading} error={error} title={a?.title} onRetry={() => void refetch()}>
      {a && (
        <>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t('listing.summary')}
          </Typography.Title>
          <Typography.Paragraph>{a.summary}</Typography.Paragraph>
          {a.description && (
            <>
              <Typography.Title level={2} style={{ fontSize: 18 }}>
                {t('listing.description')}
              </Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.description}</Typography.Paragraph>
            </>
          )}
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('listing.institution')}>{a.institution?.name}</Descriptions.Item>
            <Descriptions.Item label={t('listing.industry')}>
              {industryName(i18n.language, a.industry)}
            </Descriptions.Item>
            <Descriptions.Item label={t('listing.trl')}>
              {a.trl != null ? t('search.trl', { value: a.trl }) : t('common.unknown')}
            </Descriptions.Item>
            <Descriptions.Item label={t('listing.price')}>{formatWan(t, a.askingPriceWan)}</Descriptions.Item>
            <Descriptions.Item label={t('listing.transferModes')}>
              {a.transferModes.map((mode) => (
                <Tag color={TAG_COLOURS.mode} key={mode}>
                  {t(`transferModes.${mode}`)}
                </Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('listing.ipType')}>
              {a.ipType ? t(`ipTypes.${a.ipType}`) : t('common.unknown')}
            </Descriptions.Item>
            {a.ipRegistrationNumbers.length > 0 && (
              <Descriptions.Item label={t('listing.ipNumbers')}>{a.ipRegistrationNumbers.join('、')}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('listing.region')}>{a.region ?? t('common.unknown')}</Descriptions.Item>
            {a.inventors.length > 0 && (
              <Descriptions.Item label={t('listing.team')}>
                {a.inventors.map((inventor) => inventor.name).join('、')}
              </Descriptions.Item>
            )}
            {a.listedAt && (
              <Descriptions.Item label={t('listing.listedAt')}>
                {formatDate(a.listedAt, i18n.language)}
              </Descriptions.Item>
            )}
            {a.keywords.length > 0 && (
              <Descriptions.Item label={t('listing.keywords')}>
                {a.keywords.map((keyword) => (
                  <Tag key={keyword}>{keyword}</Tag>
                ))}
              </Descriptions.Item>
            )}
          </Descriptions>
          {session && (
            <Suspense fallback={null}>
              <AskIntroduction achievementId={a.id} />
            </Suspense>
          )}
        </>
      )}
    </DetailShell>
  );
}
