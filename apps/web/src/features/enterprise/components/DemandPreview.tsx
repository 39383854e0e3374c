import { Alert, Card, Descriptions, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, formatRange, industryName } from '../../../shared/lib/format';
import { DemandKindTag } from '../../../shared/ui/DemandKindTag';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import type { PublicDemandView } from '../demand-form';

/**
 * Exactly what the public demand page (/demands/:id) shows, from the form as it is now: built from
 * `publicView`, which never carries the confidential details.
 */
export function DemandPreview({
  view,
  industries,
  hasConfidential,
}: {
  view: PublicDemandView;
  industries: ReadonlyArray<{ code: string; nameZh: string; nameEn: string }>;
  hasConfidential: boolean;
}) {
  const { t, i18n } = useTranslation();
  const industry = industries.find((candidate) => candidate.code === view.industryCode);
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('enterprise.preview.title')}</h2>}
      data-testid="demand-preview"
    >
      <Typography.Paragraph type="secondary">{t('enterprise.preview.hint')}</Typography.Paragraph>
      <h3 style={{ fontSize: 18 }}>
        <DemandKindTag kind={view.kind} />
        {view.title || t('enterprise.preview.untitled')}
      </h3>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
        {view.summary || t('enterprise.preview.noSummary')}
      </Typography.Paragraph>
      <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('enterprise.preview.company')}>
          {view.organisationName ?? t('search.anonymous')}
        </Descriptions.Item>
        {view.kind === 'APPLICATION_SCENARIO' && (
          <>
            <Descriptions.Item label={t('scenario.fields.site')}>{view.site ?? t('common.unknown')}</Descriptions.Item>
            <Descriptions.Item label={t('scenario.fields.dataAvailable')}>
              {view.dataAvailable ?? t('common.unknown')}
            </Descriptions.Item>
            <Descriptions.Item label={t('scenario.fields.timeline')}>
              {view.timeline ?? t('common.unknown')}
            </Descriptions.Item>
          </>
        )}
        <Descriptions.Item label={t('enterprise.form.industry')}>
          {industryName(i18n.language, industry) || t('common.unknown')}
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.form.budget')}>
          {formatRange(t, view.budgetMinWan, view.budgetMaxWan)}
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.form.deadline')}>
          {formatDate(view.deadline, i18n.language) || t('common.unknown')}
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.form.region')}>{view.region ?? t('common.unknown')}</Descriptions.Item>
        <Descriptions.Item label={t('enterprise.form.cooperationModes')}>
          {view.cooperationModes.length === 0
            ? t('common.unknown')
            : view.cooperationModes.map((mode) => <Tag key={mode}>{t(`cooperationModes.${mode}`)}</Tag>)}
        </Descriptions.Item>
      </Descriptions>
      {view.indicators.length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey={(row) => `${row.mustHave ? 'm' : 'n'}:${row.name}`}
          caption={t('enterprise.form.indicators')}
          dataSource={view.indicators}
          columns={[
            { title: t('enterprise.form.indicatorName'), dataIndex: 'name' },
            { title: t('enterprise.form.indicatorTarget'), dataIndex: 'target' },
            { title: t('enterprise.form.indicatorCurrent'), dataIndex: 'current' },
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
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 16 }}
        title={hasConfidential ? t('enterprise.preview.confidentialHidden') : t('enterprise.preview.noConfidential')}
      />
    </Card>
  );
}
