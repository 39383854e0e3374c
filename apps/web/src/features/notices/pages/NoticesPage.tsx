import { useState } from 'react';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { Button, Card, List, message, Modal, Space, Tag, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../../app/session-context';
import { formatDate } from '../../../shared/lib/format';
import { ListStates } from '../../../shared/ui/states';
import { ObjectionForm } from '../ObjectionForm';
import { PublicNoticesQuery } from '../operations';

const PAGE = 20;

export default function NoticesPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [objecting, setObjecting] = useState<{ id: string; title: string } | null>(null);
  const { data, loading, error, refetch, fetchMore } = useQuery(PublicNoticesQuery, { variables: { first: PAGE } });
  const connection = data?.achievementPublicNotices;
  const nodes = connection?.nodes ?? [];
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('notices.title')}
        {connection && <Tag style={{ marginLeft: 12, verticalAlign: 'middle' }}>{connection.totalCount}</Tag>}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('notices.intro')}</Typography.Paragraph>
      <ListStates
        loading={loading}
        error={error}
        empty={nodes.length === 0}
        emptyText={t('notices.empty')}
        onRetry={() => void refetch()}
      >
        <List
          dataSource={nodes}
          renderItem={(notice) => (
            <List.Item key={notice.achievementId}>
              <Card style={{ width: '100%' }} size="small">
                <Space style={{ justifyContent: 'space-between', width: '100%' }} align="start">
                  <div>
                    <Typography.Title level={2} style={{ fontSize: 17, margin: 0 }}>
                      {notice.title}
                    </Typography.Title>
                    <Typography.Text type="secondary">{notice.institutionName}</Typography.Text>
                  </div>
                  {session ? (
                    <Button onClick={() => setObjecting({ id: notice.achievementId, title: notice.title })}>
                      {t('notices.object')}
                    </Button>
                  ) : (
                    <Link to="/sign-in?next=/notices">{t('notices.signInToObject')}</Link>
                  )}
                </Space>
                <Typography.Paragraph style={{ margin: '8px 0' }} ellipsis={{ rows: 3 }}>
                  {notice.summary}
                </Typography.Paragraph>
                <Space wrap>
                  <Tag color={TAG_COLOURS.warning}>
                    {t('notices.window', {
                      start: formatDate(notice.window.startsAt, i18n.language),
                      end: formatDate(notice.window.endsAt, i18n.language),
                    })}
                  </Tag>
                  <Tag>{t('notices.round', { round: notice.window.round })}</Tag>
                  {notice.proposal?.teamSharePercent != null && (
                    <Tag color="blue">{t('notices.teamShare', { percent: notice.proposal.teamSharePercent })}</Tag>
                  )}
                  {notice.team.length > 0 && (
                    <Typography.Text type="secondary">
                      {t('listing.team')}: {notice.team.map((member) => member.name).join('、')}
                    </Typography.Text>
                  )}
                </Space>
              </Card>
            </List.Item>
          )}
        />
        {connection?.pageInfo.hasNextPage && (
          <Button
            style={{ marginTop: 8 }}
            onClick={() =>
              void fetchMore({
                variables: { after: connection.pageInfo.endCursor },
                updateQuery: (previous, { fetchMoreResult }) => ({
                  achievementPublicNotices: {
                    ...fetchMoreResult.achievementPublicNotices,
                    nodes: [
                      ...(previous.achievementPublicNotices?.nodes ?? []),
                      ...fetchMoreResult.achievementPublicNotices.nodes,
                    ],
                  },
                }),
              })
            }
          >
            {t('notices.more')}
          </Button>
        )}
      </ListStates>
      <Modal
        open={objecting !== null}
        title={objecting ? t('notices.objectTitle', { title: objecting.title }) : ''}
        footer={null}
        destroyOnHidden
        onCancel={() => setObjecting(null)}
      >
        {objecting && (
          <ObjectionForm
            achievementId={objecting.id}
            onDone={() => {
              setObjecting(null);
              void message.success(t('notices.objected'));
            }}
          />
        )}
      </Modal>
    </div>
  );
}
