import { Button, Card, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../shared/lib/format';
import { ListStates } from '../../../shared/ui/states';
import { RecommendedCatalogueCsvQuery, RecommendedCatalogueQuery, saveExportFile } from '../operations';

/** 应用示范推荐目录: the bureau's published catalogue, public (no sign-in), with its CSV. */
export default function CataloguePage() {
  const { t, i18n } = useTranslation();
  const client = useApolloClient();
  const { data, loading, error, refetch } = useQuery(RecommendedCatalogueQuery);
  const [downloading, setDownloading] = useState(false);
  const entries = data?.recommendedCatalogue ?? [];
  const download = async () => {
    setDownloading(true);
    try {
      const result = await client.query({ query: RecommendedCatalogueCsvQuery, fetchPolicy: 'network-only' });
      if (result.data) saveExportFile(result.data.recommendedCatalogueCsv);
    } finally {
      setDownloading(false);
    }
  };
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('catalogue.public.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('catalogue.public.intro')}</Typography.Paragraph>
      <Card
        extra={
          <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download()}>
            {t('catalogue.public.download')}
          </Button>
        }
      >
        <ListStates
          loading={loading && !data}
          error={error}
          empty={entries.length === 0}
          emptyText={t('catalogue.public.empty')}
          onRetry={() => void refetch()}
        >
          <Table
            rowKey="id"
            pagination={false}
            dataSource={entries}
            columns={[
              { title: t('catalogue.public.product'), dataIndex: 'productName' },
              { title: t('catalogue.public.enterprise'), dataIndex: 'enterpriseName' },
              {
                title: t('catalogue.public.achievement'),
                key: 'achievement',
                render: (_, entry) => <Link to={`/achievements/${entry.achievementId}`}>{entry.achievementTitle}</Link>,
              },
              { title: t('catalogue.public.description'), dataIndex: 'description' },
              {
                title: t('catalogue.public.publishedAt'),
                dataIndex: 'publishedAt',
                render: (value: string | null) => formatDate(value, i18n.language),
              },
            ]}
          />
        </ListStates>
      </Card>
    </div>
  );
}
