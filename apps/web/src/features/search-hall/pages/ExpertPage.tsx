import { Descriptions, Tag, Typography } from 'antd';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { DetailShell } from '../components/DetailShell';
import { ExpertQuery } from '../operations';

export default function ExpertPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(ExpertQuery, { variables: { id } });
  const expert = data?.expert;
  return (
    <DetailShell loading={loading} error={error} title={expert?.name} onRetry={() => void refetch()}>
      {expert && (
        <>
          <Typography.Paragraph type="secondary">
            {[expert.title, expert.institution.name, expert.region].filter(Boolean).join(' · ')}
          </Typography.Paragraph>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t('listing.bio')}
          </Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{expert.bio}</Typography.Paragraph>
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('listing.expertFields')}>
              {expert.researchFields.map((field) => (
                <Tag key={field}>{field}</Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('listing.services')}>
              {expert.services.map((service) => (
                <Tag color={TAG_COLOURS.mode} key={service}>
                  {service}
                </Tag>
              ))}
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
    </DetailShell>
  );
}
