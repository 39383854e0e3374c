import { useMemo, useState, type DragEvent } from 'react';
import { Alert, Button, Card, message, Space, Tag, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useSession } from '../../../app/session-context';
import { formatDate } from '../../../shared/lib/format';
import { ErrorState, ListLoading } from '../../../shared/ui/states';
import { TAG_COLOURS } from '../../../shared/ui/tag-colours';
import { BrokerNav } from '../components/BrokerNav';
import { IntroductionComposer } from '../components/IntroductionComposer';
import { targetTitle } from '../components/labels';
import { useDealMover } from '../components/useDealMover';
import {
  BrokerAgencySettingsQuery,
  PipelineBoardQuery,
  type BoardDealPartsFragment,
  type BrokerMatchPartsFragment,
} from '../operations';
import {
  BOARD_COLUMNS,
  claimExpiresSoon,
  columnOfStage,
  daysSince,
  DEFAULT_IDLE_DAYS,
  dropTargets,
  isClosedStage,
  leadsOf,
  overdueReasons,
  stageForDrop,
  type BoardColumn,
} from '../pipeline';

const COLUMN_WIDTH = 248;

/** 交易看板: leads, introductions, deals by stage; drag where the workflow allows, or the card's buttons. */
export default function PipelineBoardPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const { data, loading, error, refetch } = useQuery(PipelineBoardQuery, {
    skip: !session,
    fetchPolicy: 'cache-and-network',
  });
  const deals = data?.deals.nodes ?? [];
  const agencyId = deals.find((deal) => deal.agencyId)?.agencyId;
  const settings = useQuery(BrokerAgencySettingsQuery, { skip: !agencyId, variables: { agencyId: agencyId ?? '' } });
  const idleDays = settings.data?.brokerAgencySettings.idleReminderDays ?? DEFAULT_IDLE_DAYS;
  const { requestMove, requestHold, resume, dialogs } = useDealMover();
  const [dragged, setDragged] = useState<BoardDealPartsFragment | null>(null);
  const [composing, setComposing] = useState<BrokerMatchPartsFragment | null>(null);
  const now = useMemo(() => new Date(), [data]);
  if (!session) return <Navigate to="/sign-in?next=/workspace/broker/deals" replace />;

  const expertLabel = (name: string) => t('broker.queue.expert', { name });
  const proposed = data?.proposed.nodes ?? [];
  const leads = leadsOf(data?.brokerWorkQueue.claims ?? [], [
    ...proposed.map((introduction) => introduction.matchId),
    ...deals.map((deal) => deal.introduction?.matchId),
  ]);
  const allowedDrops = dragged ? dropTargets(dragged) : [];
  const openCount = deals.filter((deal) => !isClosedStage(deal.stage)).length;

  const onDrop = (column: BoardColumn) => (event: DragEvent) => {
    event.preventDefault();
    // The card's id travels with the drag: a drop can come before React re-rendered with the dragged state.
    const draggedId = event.dataTransfer.getData('text/plain');
    const deal = deals.find((candidate) => candidate.id === draggedId) ?? dragged;
    setDragged(null);
    if (!deal) return;
    const to = stageForDrop(deal, column);
    if (!to) {
      if (column !== columnOfStage(deal.stage)) message.warning(t('broker.board.dropNotAllowed'));
      return;
    }
    requestMove(deal, to);
  };

  const dealCard = (deal: BoardDealPartsFragment) => {
    const reasons = overdueReasons(deal, now, idleDays);
    const title = `${deal.demand?.title ?? '—'} ↔ ${targetTitle(deal, expertLabel)}`;
    const forward = deal.allowedStages.filter((stage) => stage !== 'CLOSED_LOST');
    return (
      <Card
        key={deal.id}
        size="small"
        draggable={deal.allowedStages.length > 0}
        onDragStart={(event) => {
          event.dataTransfer.setData('text/plain', deal.id);
          event.dataTransfer.effectAllowed = 'move';
          setDragged(deal);
        }}
        onDragEnd={() => setDragged(null)}
        data-testid={`deal-card-${deal.id}`}
        style={{
          marginBottom: 8,
          cursor: deal.allowedStages.length > 0 ? 'grab' : 'default',
          borderInlineStart: `4px solid ${reasons.length > 0 ? TAG_COLOURS.danger : deal.onHoldSince ? TAG_COLOURS.warning : '#1d5fbf'}`,
          background: reasons.length > 0 ? '#fff5f4' : undefined,
        }}
      >
        <Link to={`/workspace/broker/deals/${deal.id}`} style={{ fontWeight: 500, color: '#153e7a' }}>
          {title}
        </Link>
        <div className="secondary" style={{ fontSize: 12, marginTop: 2 }}>
          {[deal.demandOrganisation?.name, deal.targetOrganisation?.name].filter(Boolean).join(' ↔ ')}
        </div>
        <div style={{ marginTop: 6 }}>
          <Tag>
            {t('broker.board.inStage', {
              stage: t(`broker.stages.${deal.stage}`),
              days: daysSince(deal.stageEnteredAt, now),
            })}
          </Tag>
          {deal.priceNoticeStatus !== 'NONE' && (
            <Tag color={deal.priceNoticeStatus === 'OBJECTED' ? TAG_COLOURS.danger : undefined}>
              {t('broker.priceNotice.title')}：{t(`broker.priceNotice.${deal.priceNoticeStatus}`)}
            </Tag>
          )}
          {reasons.map((reason) => (
            <Tag key={reason} color={TAG_COLOURS.danger}>
              {t(`broker.board.overdue.${reason}`, { days: idleDays })}
            </Tag>
          ))}
        </div>
        {deal.onHoldReason && (
          <div style={{ marginTop: 4 }}>
            <Tag color={TAG_COLOURS.warning}>{t('broker.hold.tag', { reason: deal.onHoldReason })}</Tag>
          </div>
        )}
        {deal.stage === 'CLOSED_LOST' && deal.lostReason && (
          <div style={{ fontSize: 12, marginTop: 4 }}>{t('broker.board.lostReason', { reason: deal.lostReason })}</div>
        )}
        {deal.allowedStages.length > 0 && (
          <Space size={4} wrap style={{ marginTop: 8 }}>
            {forward.map((stage) => (
              <Button key={stage} size="small" type="primary" onClick={() => requestMove(deal, stage)}>
                {t(`broker.moveTo.${stage}`)}
              </Button>
            ))}
            {deal.allowedStages.includes('CLOSED_LOST') && (
              <Button size="small" danger onClick={() => requestMove(deal, 'CLOSED_LOST')}>
                {t('broker.moveTo.CLOSED_LOST')}
              </Button>
            )}
            {forward.length > 0 &&
              (deal.onHoldSince ? (
                <Button size="small" onClick={() => resume(deal.id)}>
                  {t('broker.hold.resume')}
                </Button>
              ) : (
                <Button size="small" onClick={() => requestHold(deal.id)}>
                  {t('broker.hold.button')}
                </Button>
              ))}
          </Space>
        )}
      </Card>
    );
  };

  const columnItems = (column: BoardColumn) => {
    if (column === 'LEAD') {
      return leads.map((lead) => (
        <Card
          key={lead.id}
          size="small"
          style={{
            marginBottom: 8,
            borderInlineStart: `4px solid ${claimExpiresSoon(lead.expiresAt, now) ? TAG_COLOURS.danger : '#8c8c8c'}`,
          }}
        >
          <div style={{ fontWeight: 500 }}>
            {lead.match?.demand?.title ?? '—'} ↔ {targetTitle(lead.match, expertLabel)}
          </div>
          <div className="secondary" style={{ fontSize: 12 }}>
            {t('broker.queue.expires', { date: formatDate(lead.expiresAt, i18n.language) })}
          </div>
          {claimExpiresSoon(lead.expiresAt, now) && (
            <Tag color={TAG_COLOURS.danger}>{t('broker.queue.expiresSoon')}</Tag>
          )}
          <Button
            size="small"
            type="primary"
            style={{ marginTop: 8 }}
            disabled={!lead.match}
            onClick={() => setComposing(lead.match ?? null)}
          >
            {t('broker.queue.introduce')}
          </Button>
        </Card>
      ));
    }
    const items = deals.filter((deal) => columnOfStage(deal.stage) === column).map(dealCard);
    if (column === 'INTRODUCTION') {
      const answer = (value: string | null | undefined) => t(`broker.board.answer.${value ?? 'none'}`);
      items.unshift(
        ...proposed.map((introduction) => (
          <Card key={introduction.id} size="small" style={{ marginBottom: 8, borderInlineStart: '4px solid #8c8c8c' }}>
            <div style={{ fontWeight: 500 }}>
              {introduction.demand?.title ?? '—'} ↔ {targetTitle(introduction, expertLabel)}
            </div>
            <Tag>{t('broker.board.awaiting')}</Tag>
            <div className="secondary" style={{ fontSize: 12 }}>
              {t('broker.board.answers', {
                demand: answer(introduction.demandAnswer),
                target: answer(introduction.targetAnswer),
              })}
            </div>
          </Card>
        )),
      );
    }
    return items;
  };

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t('broker.board.title')}
      </Typography.Title>
      <BrokerNav />
      <Typography.Paragraph className="secondary">
        {t('broker.board.intro')}{' '}
        {data ? t('broker.board.total', { open: openCount, closed: deals.length - openCount }) : ''}
        {data && data.deals.totalCount > deals.length
          ? ` ${t('broker.board.truncated', { shown: deals.length, total: data.deals.totalCount })}`
          : ''}
      </Typography.Paragraph>
      {error ? (
        <>
          <ErrorState error={error} onRetry={() => void refetch()} />
          <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('broker.credentialHint')} />
        </>
      ) : loading && !data ? (
        <ListLoading rows={6} />
      ) : (
        <div style={{ display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 8 }}>
          {BOARD_COLUMNS.map((column) => {
            const items = columnItems(column);
            const droppable = allowedDrops.includes(column);
            const headingId = `board-column-${column}`;
            return (
              <section
                key={column}
                aria-labelledby={headingId}
                data-testid={`board-column-${column}`}
                onDragOver={(event) => {
                  // Every column receives the drop (a refused one says why); only allowed ones are highlighted.
                  // A dropEffect of 'none' would cancel the drop, and with it the explanation.
                  event.preventDefault();
                  event.dataTransfer.dropEffect = 'move';
                }}
                onDrop={onDrop(column)}
                style={{
                  flex: `0 0 ${COLUMN_WIDTH}px`,
                  background: droppable ? '#e6f0ff' : '#f5f6f8',
                  outline: droppable ? '2px dashed #1d5fbf' : 'none',
                  borderRadius: 8,
                  padding: 8,
                  minHeight: 360,
                }}
              >
                <h2
                  id={headingId}
                  style={{ fontSize: 15, margin: '4px 4px 10px', display: 'flex', justifyContent: 'space-between' }}
                >
                  <span>{t(`broker.columns.${column}`)}</span>
                  <span className="secondary" style={{ fontWeight: 400 }}>
                    {items.length}
                  </span>
                </h2>
                {droppable && (
                  <div style={{ fontSize: 12, color: '#1d5fbf', marginBottom: 6 }}>
                    {t('broker.board.dropHere', { stage: t(`broker.columns.${column}`) })}
                  </div>
                )}
                {items.length > 0 ? (
                  items
                ) : (
                  <div className="secondary" style={{ fontSize: 12, padding: 4 }}>
                    {t('broker.board.empty')}
                  </div>
                )}
              </section>
            );
          })}
        </div>
      )}
      {dialogs}
      <IntroductionComposer
        match={composing}
        onClose={() => setComposing(null)}
        onSent={() => {
          setComposing(null);
          void refetch();
        }}
      />
    </div>
  );
}
