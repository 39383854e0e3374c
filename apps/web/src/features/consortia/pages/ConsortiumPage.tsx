import { useState } from 'react';
import { Button, Card, List, message, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ListStates } from '../../../shared/ui/states';
import { MeQuery } from '../../account/operations';
import { ConsortiumSpace } from '../components/ConsortiumSpace';
import { SpaceReadLog } from '../components/SpaceReadLog';
import { CONSORTIUM_STATUS_COLOURS, invitableOptions, linkingOrganisations, MEMBER_STATUS_COLOURS } from '../logic';
import {
  CloseConsortiumMutation,
  ConsortiumAchievementCandidatesQuery,
  ConsortiumDemandCandidatesQuery,
  ConsortiumInvitablePartnersQuery,
  ConsortiumQuery,
  InviteConsortiumMembersMutation,
  LinkConsortiumItemMutation,
  UnlinkConsortiumItemMutation,
} from '../operations';

type InviteRole = 'SUPPORT' | 'COLLABORATE';

/**
 * One consortium as its organisations' people see it: goal and members with roles; the lead invites (organisation
 * picker) and closes; members link their demands and listed achievements and use the members-only space.
 */
export default function ConsortiumPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { data, loading, error, refetch } = useQuery(ConsortiumQuery, { variables: { id } });
  const consortium = data?.consortium;
  const leads = consortium?.viewerLeads ?? false;
  const inSpace = consortium?.viewerInSpace ?? false;
  const open = consortium ? consortium.status !== 'CLOSED' : false;
  const me = useQuery(MeQuery);
  const partners = useQuery(ConsortiumInvitablePartnersQuery, { skip: !leads || !open });
  const linking = linkingOrganisations(me.data?.me?.memberships ?? [], consortium?.members ?? []);
  const demandCandidates = useQuery(ConsortiumDemandCandidatesQuery, {
    variables: { organisationId: linking.enterpriseId ?? '' },
    skip: !inSpace || !open || !linking.enterpriseId,
  });
  const achievementCandidates = useQuery(ConsortiumAchievementCandidatesQuery, {
    variables: { institutionIds: linking.institutionIds },
    skip: !inSpace || !open || linking.institutionIds.length === 0,
  });
  const [invite, inviting] = useMutation(InviteConsortiumMembersMutation);
  const [link, linkingNow] = useMutation(LinkConsortiumItemMutation);
  const [unlink] = useMutation(UnlinkConsortiumItemMutation);
  const [close] = useMutation(CloseConsortiumMutation);
  const [invitee, setInvitee] = useState<string | undefined>();
  const [role, setRole] = useState<InviteRole>('SUPPORT');
  const [target, setTarget] = useState<string | undefined>();

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      void message.success(done);
      await refetch();
    } catch (problem) {
      void message.error(describeApiError(problem).message);
    }
  };
  const options = invitableOptions(
    [partners.data?.universities, partners.data?.institutes, partners.data?.newRd, partners.data?.enterprises],
    consortium?.members ?? [],
  );
  const linked = new Set((consortium?.links ?? []).map((l) => l.targetId));
  const candidates = [
    ...(demandCandidates.data?.demands.nodes ?? [])
      .filter((d) => d.status !== 'DRAFT')
      .map((d) => ({ value: `DEMAND:${d.id}`, label: `${t('consortia.linkKind.DEMAND')} · ${d.title}` })),
    ...(achievementCandidates.data?.achievements.nodes ?? []).map((a) => ({
      value: `ACHIEVEMENT:${a.id}`,
      label: `${t('consortia.linkKind.ACHIEVEMENT')} · ${a.title}`,
    })),
  ].filter((c) => !linked.has(c.value.split(':')[1]));

  return (
    <ListStates loading={loading} error={error} empty={!consortium} onRetry={() => void refetch()}>
      {consortium && (
        <div>
          <Link to="/workspace/consortia">{t('consortia.back')}</Link>
          <Typography.Title level={1} style={{ fontSize: 24 }}>
            {consortium.name}{' '}
            <Tag color={CONSORTIUM_STATUS_COLOURS[consortium.status]}>{t(`consortia.status.${consortium.status}`)}</Tag>
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {t('consortia.ledBy', { name: consortium.leadOrganisation?.name ?? '—' })}
            {consortium.industry &&
              ` · ${i18n.language.startsWith('zh') ? consortium.industry.nameZh : consortium.industry.nameEn}`}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{consortium.goal}</Typography.Paragraph>
          {leads && open && (
            <Popconfirm
              title={t('consortia.detail.closeConfirm')}
              okText={t('consortia.detail.closeOk')}
              cancelText={t('consortia.cancel')}
              onConfirm={() => void run(() => close({ variables: { id } }), t('consortia.detail.closed'))}
            >
              <Button danger style={{ marginBottom: 16 }}>
                {t('consortia.detail.close')}
              </Button>
            </Popconfirm>
          )}

          <Card title={t('consortia.detail.members')} style={{ marginBottom: 16 }}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={consortium.members}
              columns={[
                { title: t('consortia.detail.organisation'), render: (_, m) => m.organisation?.name ?? '—' },
                {
                  title: t('consortia.detail.kind'),
                  render: (_, m) => (m.organisation ? t(`orgKinds.${m.organisation.kind}`) : '—'),
                },
                { title: t('consortia.detail.role'), render: (_, m) => t(`consortia.role.${m.role}`) },
                {
                  title: t('consortia.detail.answer'),
                  render: (_, m) => (
                    <Tag color={MEMBER_STATUS_COLOURS[m.status]}>{t(`consortia.memberStatus.${m.status}`)}</Tag>
                  ),
                },
              ]}
            />
            {leads && open && (
              <Space wrap style={{ marginTop: 12 }}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  style={{ minWidth: 280 }}
                  aria-label={t('consortia.detail.pickOrganisation')}
                  placeholder={t('consortia.detail.pickOrganisation')}
                  loading={partners.loading}
                  value={invitee}
                  onChange={setInvitee}
                  options={options.map((o) => ({ value: o.id, label: `${o.name}（${t(`orgKinds.${o.kind}`)}）` }))}
                />
                <Select<InviteRole>
                  aria-label={t('consortia.detail.role')}
                  value={role}
                  onChange={setRole}
                  options={(['SUPPORT', 'COLLABORATE'] as const).map((r) => ({
                    value: r,
                    label: t(`consortia.role.${r}`),
                  }))}
                />
                <Button
                  type="primary"
                  disabled={!invitee}
                  loading={inviting.loading}
                  onClick={() =>
                    void run(
                      () =>
                        invite({
                          variables: { input: { consortiumId: id, invitees: [{ organisationId: invitee!, role }] } },
                        }).then(() => setInvitee(undefined)),
                      t('consortia.detail.invited'),
                    )
                  }
                >
                  {t('consortia.detail.invite')}
                </Button>
              </Space>
            )}
          </Card>

          <Card title={t('consortia.detail.links')} style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={consortium.links}
              locale={{ emptyText: t('consortia.detail.noLinks') }}
              renderItem={(item) => (
                <List.Item
                  key={item.id}
                  actions={
                    inSpace && open
                      ? [
                          <Button
                            key="unlink"
                            type="link"
                            onClick={() =>
                              void run(() => unlink({ variables: { linkId: item.id } }), t('consortia.detail.unlinked'))
                            }
                          >
                            {t('consortia.detail.unlink')}
                          </Button>,
                        ]
                      : []
                  }
                >
                  <Space>
                    <Tag>{t(`consortia.linkKind.${item.kind}`)}</Tag>
                    <Link to={item.kind === 'DEMAND' ? `/demands/${item.targetId}` : `/achievements/${item.targetId}`}>
                      {item.title}
                    </Link>
                  </Space>
                </List.Item>
              )}
            />
            {inSpace && open && candidates.length > 0 && (
              <Space wrap style={{ marginTop: 12 }}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  style={{ minWidth: 320 }}
                  aria-label={t('consortia.detail.pickItem')}
                  placeholder={t('consortia.detail.pickItem')}
                  value={target}
                  onChange={setTarget}
                  options={candidates}
                />
                <Button
                  disabled={!target}
                  loading={linkingNow.loading}
                  onClick={() => {
                    const [kind, targetId] = target!.split(':') as ['DEMAND' | 'ACHIEVEMENT', string];
                    void run(
                      () =>
                        link({ variables: { input: { consortiumId: id, kind, targetId } } }).then(() =>
                          setTarget(undefined),
                        ),
                      t('consortia.detail.linked'),
                    );
                  }}
                >
                  {t('consortia.detail.link')}
                </Button>
              </Space>
            )}
          </Card>

          {inSpace ? (
            <ConsortiumSpace consortiumId={id} open={open} />
          ) : (
            <Typography.Paragraph type="secondary">{t('consortia.space.membersOnly')}</Typography.Paragraph>
          )}
          {inSpace && leads && <SpaceReadLog consortiumId={id} />}
        </div>
      )}
    </ListStates>
  );
}
