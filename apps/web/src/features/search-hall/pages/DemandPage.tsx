import { Descriptions, Table, Tag, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDate, formatRange, industryName } from '../../../shared/lib/format';
import { DemandKindTag } from '../../../shared/ui/DemandKindTag';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { DetailShell } from '../components/DetailShell';
import { DemandQuery } from '../operations';

export default function DemandPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { data, loading, error, refetch } = useQuery(DemandQuery, { variables: { id } });
  const demand = data?.demand;
  return (
    <DetailShell loading={loading} error={error} title={demand?.title} onRetry={() => void refetch()}>
      {demand && (
        <>
          <DemandKindTag kind={demand.kind} />
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t('listing.demandSummary')}
          </Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{demand.summary}</Typography.Paragraph>
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('search.institution')}>
              {demand.organisation?.name ?? t('search.anonymous')}
            </Descriptions.Item>
            {demand.kind === 'APPLICATION_SCENARIO' && (
              <>
                <Descriptions.Item label={t('scenario.fields.site')}>
                  {demand.site ?? t('common.unknown')}
                </Descriptions.Item>
                <Descriptions.Item label={t('scenario.fields.timeline')}>
                  {demand.timeline ?? t('common.unknown')}
                </Descriptions.Item>
                <Descriptions.Item label={t('scenario.fields.dataAvailable')} span={2}>
                  {demand.dataAvailable ?? t('common.unknown')}
                </Descriptions.Item>
              </>
            )}
            <Descriptions.Item label={t('listing.industry')}>
              {industryName(i18n.language, demand.industry)}
            </Descriptions.Item>
            <Descriptions.Item label={t('search.budget')}>
              {formatRange(t, demand.budgetMinWan, demand.budgetMaxWan)}
            </Descriptions.Item>
            <Descriptions.Item label={t('search.deadline')}>
              {formatDate(demand.deadline, i18n.language) || t('common.unknown')}
            </Descriptions.Item>
            <Descriptions.Item label={t('listing.region')}>{demand.region ?? t('common.unknown')}</Descriptions.Item>
            <Descriptions.Item label={t('listing.transferModes')}>
              {demand.cooperationModes.map((mode) => (
                <Tag key={mode}>{t(`cooperationModes.${mode}`)}</Tag>
              ))}
            </Descriptions.Item>
          </Descriptions>
          {demand.technicalIndicators.length > 0 && (
            <Table
              size="small"
              pagination={false}
              rowKey={(row) => `${row.mustHave ? 'm' : 'n'}:${row.name}`}
              caption={t('listing.indicators')}
              dataSource={demand.technicalIndicators}
              columns={[
                { title: t('listing.indicators'), dataIndex: 'name' },
                { title: 'Target', dataIndex: 'target' },
                { title: 'Current', dataIndex: 'current' },
                {
                  title: t('enterprise.form.indicatorKind'),
                  dataIndex: 'mustHave',
                  render: (mustHave: boolean) =>
                    mustHave ? (
                      <Tag color={TAG_COLOURS.danger}>{t('enterprise.form.mustHaveShort')}</Tag>
                    ) : (
                      <Tag>{t('enterprise.form.niceToHaveShort')}</Tag>
                    ),
                },
              ]}
            />
          )}
        </>
      )}
    </DetailShell>
  );
}
