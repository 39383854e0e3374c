import { useState } from 'react';
import { Button, Card, List, message, Popconfirm, Segmented, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AchievementStatus } from '../../../gql/graphql';
import { saveBlob } from '../../../shared/lib/files';
import { formatDate } from '../../../shared/lib/format';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ListStates } from '../../../shared/ui/states';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { StageTag } from '../../my-achievements/StageTag';
import { listingChecklist, nextOfficeAction, type ChecklistItem, type OfficeAction } from '../checklist';
import {
  AchievementEvidenceQuery,
  ConfirmRightsMutation,
  ListAchievementMutation,
  OfficeListingsQuery,
  SignRightsAgreementMutation,
} from '../operations';

const VIEWS: Record<'pending' | 'market' | 'all', AchievementStatus[] | null> = {
  pending: ['APPROVED', 'AGREEMENT_SIGNED', 'RIGHTS_CONFIRMED'],
  market: ['LISTED', 'IN_NEGOTIATION', 'STALE'],
  all: null,
};
type View = keyof typeof VIEWS;
const CHECKLIST: ChecklistItem[] = ['benefit', 'commercialRoute', 'ip', 'maturity', 'price'];

/**
 * 本单位成果: after the notice the TTO signs the rights agreement, confirms the rights and lists; the quality
 * checklist shows what an enterprise would miss; the evidence record of each procedure can be exported.
 */
export function ListingsPanel({ institutionId }: { institutionId: string }) {
  const { t, i18n } = useTranslation();
  const client = useApolloClient();
  const [view, setView] = useState<View>('pending');
  const { data, loading, error, refetch } = useQuery(OfficeListingsQuery, {
    variables: { institutionId, statuses: VIEWS[view] },
    fetchPolicy: 'cache-and-network',
  });
  const [sign] = useMutation(SignRightsAgreementMutation);
  const [confirm] = useMutation(ConfirmRightsMutation);
  const [list] = useMutation(ListAchievementMutation);
  const [acting, setActing] = useState<string | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const rows = data?.achievements.nodes ?? [];

  const act = async (id: string, action: OfficeAction) => {
    setActing(id);
    try {
      if (action === 'signAgreement') await sign({ variables: { id } });
      else if (action === 'confirmRights') await confirm({ variables: { id } });
      else await list({ variables: { id } });
      message.success(t(`ttoOffice.listings.done.${action}`));
      await refetch();
    } catch (failure) {
      message.error(describeApiError(failure).message);
    } finally {
      setActing(null);
    }
  };

  const exportEvidence = async (id: string, title: string) => {
    setExporting(id);
    try {
      const result = await client.query({
        query: AchievementEvidenceQuery,
        variables: { id },
        fetchPolicy: 'network-only',
      });
      // Errors are thrown (errorPolicy none); no data without an error would be a bug.
      if (!result.data) throw new Error('no evidence');
      saveBlob(
        new Blob([result.data.achievementEvidence], { type: 'application/json' }),
        `${t('ttoOffice.listings.evidenceFile')}-${title.slice(0, 40)}.json`,
      );
    } catch (failure) {
      message.error(describeApiError(failure).message);
    } finally {
      setExporting(null);
    }
  };

  return (
    <Card
      title={
        <Segmented<View>
          aria-label={t('ttoOffice.listings.view')}
          value={view}
          onChange={setView}
          options={(Object.keys(VIEWS) as View[]).map((value) => ({
            value,
            label: t(`ttoOffice.listings.views.${value}`),
          }))}
        />
      }
      extra={data ? t('ttoOffice.listings.count', { count: data.achievements.totalCount }) : undefined}
    >
      <ListStates
        loading={loading}
        error={error}
        empty={rows.length === 0}
        emptyText={t(`ttoOffice.listings.empty.${view}`)}
        onRetry={() => void refetch()}
      >
        <List
          dataSource={rows}
          renderItem={(achievement) => {
            const checks = listingChecklist(achievement);
            const action = nextOfficeAction(achievement.status);
            return (
              <List.Item
                key={achievement.id}
                actions={[
                  action ? (
                    <Popconfirm
                      key="act"
                      title={t(`ttoOffice.listings.confirm.${action}`)}
                      okText={t('ttoOffice.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => void act(achievement.id, action)}
                    >
                      <Button type="primary" size="small" loading={acting === achievement.id}>
                        {t(`ttoOffice.listings.actions.${action}`)}
                      </Button>
                    </Popconfirm>
                  ) : null,
                  <Button
                    key="evidence"
                    size="small"
                    loading={exporting === achievement.id}
                    onClick={() => void exportEvidence(achievement.id, achievement.title)}
                    aria-label={t('ttoOffice.listings.exportNamed', { title: achievement.title })}
                  >
                    {t('ttoOffice.listings.export')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      {['LISTED', 'IN_NEGOTIATION', 'STALE'].includes(achievement.status) ? (
                        <Link to={`/achievements/${achievement.id}`}>{achievement.title}</Link>
                      ) : (
                        <span>{achievement.title}</span>
                      )}
                      <StageTag status={achievement.status} />
                    </Space>
                  }
                  description={
                    <div>
                      <Typography.Text type="secondary">
                        {achievement.listedAt
                          ? t('ttoOffice.listings.listedOn', { date: formatDate(achievement.listedAt, i18n.language) })
                          : t('ttoOffice.listings.updatedOn', {
                              date: formatDate(achievement.updatedAt, i18n.language),
                            })}
                      </Typography.Text>
                      <ul
                        aria-label={t('ttoOffice.listings.checklist')}
                        style={{ listStyle: 'none', padding: 0, margin: '6px 0 0' }}
                      >
                        {CHECKLIST.map((item) => (
                          <li key={item} style={{ display: 'inline-block', marginInlineEnd: 8 }}>
                            <Tag
                              icon={checks[item] ? <CheckCircleFilled /> : <ExclamationCircleFilled />}
                              color={checks[item] ? TAG_COLOURS.mode : TAG_COLOURS.warning}
                            >
                              {t(`ttoOffice.listings.checks.${item}`)}
                              {checks[item] ? '' : ` · ${t('ttoOffice.listings.missing')}`}
                            </Tag>
                          </li>
                        ))}
                      </ul>
                    </div>
                  }
                />
              </List.Item>
            );
          }}
        />
      </ListStates>
    </Card>
  );
}
