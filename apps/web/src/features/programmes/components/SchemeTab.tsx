import { useState } from 'react';
import { Button, message, Space, Table, Tag, Typography } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { OpenEvaluationSchemeMutation, type EvaluationSchemePartsFragment } from '../operations';
import { SchemeEditor } from './SchemeEditor';

const failed = (failure: unknown) => void message.error(describeApiError(failure).message);

/** 指标体系 (bureau): the year's scheme; while a DRAFT it can be edited and then opened (which locks it). */
export function SchemeTab({ scheme }: { scheme: EvaluationSchemePartsFragment }) {
  const { t } = useTranslation();
  const [open, opening] = useMutation(OpenEvaluationSchemeMutation);
  const [editing, setEditing] = useState(false);
  const locked = scheme.status !== 'DRAFT';
  if (editing && !locked) return <SchemeEditor key={scheme.id} scheme={scheme} onDone={() => setEditing(false)} />;
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text strong>{scheme.title}</Typography.Text>
        <Tag>{t(`programmes.evaluation.schemeStatus.${scheme.status}`)}</Tag>
        <span className="secondary">{t('programmes.evaluation.tiers', scheme.tiers)}</span>
        <Button disabled={locked} onClick={() => setEditing(true)}>
          {t('programmes.schemeEditor.edit')}
        </Button>
        {locked && <span className="secondary">{t('programmes.schemeEditor.locked')}</span>}
        {scheme.status === 'DRAFT' && (
          <Button
            type="primary"
            loading={opening.loading}
            onClick={() =>
              void open({ variables: { year: scheme.year } }).then(
                () => void message.success(t('programmes.evaluation.opened')),
                failed,
              )
            }
          >
            {t('programmes.evaluation.openScheme')}
          </Button>
        )}
      </Space>
      <Table
        rowKey="key"
        size="middle"
        pagination={false}
        dataSource={scheme.indicators}
        columns={[
          { title: t('programmes.evaluation.indicator'), dataIndex: 'label' },
          { title: t('programmes.evaluation.weight'), dataIndex: 'weight', align: 'right' },
          {
            title: t('programmes.evaluation.sourceLabel'),
            key: 'source',
            render: (_, row) => t(`programmes.evaluation.source.${row.source}`),
          },
          {
            title: t('programmes.evaluation.scoring'),
            key: 'method',
            render: (_, row) =>
              row.method === 'THRESHOLDS'
                ? `${t('programmes.evaluation.method.THRESHOLDS')}：${row.thresholds.map((th) => `≥${th.min} → ${th.points}`).join('，')}`
                : t('programmes.evaluation.method.MIN_MAX'),
          },
        ]}
      />
    </div>
  );
}
