import { useState } from 'react';
import { Button, Card, message, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ListStates } from '../../../shared/ui/states';
import { PartnerCandidatesQuery, RdInstitutionsQuery, SetRdInstitutionPartnersMutation } from '../operations';

const failed = (failure: unknown) => void message.error(describeApiError(failure).message);

type Candidate = { id: string; name: string };

function InstitutionCard({
  institution,
  candidates,
}: {
  institution: { id: string; name: string; region?: string | null; partnerIds: readonly string[] };
  candidates: { universities: Candidate[]; institutes: Candidate[] };
}) {
  const { t } = useTranslation();
  const [setPartners, { loading }] = useMutation(SetRdInstitutionPartnersMutation);
  const [chosen, setChosen] = useState<string | null>(null);
  const names = new Map([...candidates.universities, ...candidates.institutes].map((c) => [c.id, c.name]));
  const save = (partnerIds: string[], done: string) =>
    setPartners({ variables: { institutionId: institution.id, partnerIds } }).then(() => {
      setChosen(null);
      void message.success(done);
    }, failed);
  const available = (list: Candidate[]) =>
    list.filter((c) => !institution.partnerIds.includes(c.id)).map((c) => ({ value: c.id, label: c.name }));
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={<h3 style={{ fontSize: 15, margin: 0 }}>{institution.name}</h3>}
      extra={institution.region ? <span className="secondary">{institution.region}</span> : null}
    >
      <div style={{ marginBottom: 8 }}>
        {institution.partnerIds.length === 0 ? (
          <span className="secondary">{t('programmes.partners.none')}</span>
        ) : (
          <Space wrap size={[4, 8]}>
            {institution.partnerIds.map((id) => {
              const name = names.get(id) ?? id;
              return (
                <Tag key={id}>
                  <span>{name}</span>{' '}
                  <Popconfirm
                    title={t('programmes.partners.removeTitle')}
                    description={t('programmes.partners.removeText', { partner: name, institution: institution.name })}
                    okText={t('programmes.partners.remove')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ danger: true, loading }}
                    onConfirm={() =>
                      void save(
                        institution.partnerIds.filter((partner) => partner !== id),
                        t('programmes.partners.removed', { partner: name }),
                      )
                    }
                  >
                    <Button
                      type="link"
                      size="small"
                      danger
                      style={{ padding: 0, height: 'auto' }}
                      aria-label={t('programmes.partners.removeOf', { partner: name, institution: institution.name })}
                    >
                      {t('programmes.partners.remove')}
                    </Button>
                  </Popconfirm>
                </Tag>
              );
            })}
          </Space>
        )}
      </div>
      <Space wrap>
        <Select
          showSearch
          optionFilterProp="label"
          style={{ minWidth: 260 }}
          aria-label={t('programmes.partners.pickFor', { institution: institution.name })}
          placeholder={t('programmes.partners.pick')}
          value={chosen}
          onChange={setChosen}
          options={[
            { label: t('programmes.partners.universities'), options: available(candidates.universities) },
            { label: t('programmes.partners.institutes'), options: available(candidates.institutes) },
          ]}
        />
        <Button
          disabled={!chosen}
          loading={loading}
          onClick={() =>
            chosen &&
            void save(
              [...institution.partnerIds, chosen],
              t('programmes.partners.added', { partner: names.get(chosen) ?? chosen }),
            )
          }
        >
          {t('programmes.partners.add')}
        </Button>
      </Space>
    </Card>
  );
}

/**
 * 机构与合作高校 (bureau): each new R&D institution's partner universities and research institutes, picked from the
 * verified organisations; added or removed (after confirming) one at a time, the API keeping the list.
 */
export function RdInstitutionPartners() {
  const { t } = useTranslation();
  const institutions = useQuery(RdInstitutionsQuery, { fetchPolicy: 'cache-and-network' });
  const candidates = useQuery(PartnerCandidatesQuery);
  const list = institutions.data?.rdInstitutions ?? [];
  return (
    <div>
      <Typography.Paragraph className="secondary">{t('programmes.partners.intro')}</Typography.Paragraph>
      <ListStates
        loading={(institutions.loading && !institutions.data) || (candidates.loading && !candidates.data)}
        error={institutions.error ?? candidates.error}
        empty={list.length === 0}
        emptyText={t('programmes.partners.noInstitutions')}
        onRetry={() => void Promise.all([institutions.refetch(), candidates.refetch()])}
      >
        {list.map((institution) => (
          <InstitutionCard
            key={institution.id}
            institution={institution}
            candidates={{
              universities: candidates.data?.universities ?? [],
              institutes: candidates.data?.institutes ?? [],
            }}
          />
        ))}
      </ListStates>
    </div>
  );
}
