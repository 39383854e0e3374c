import { Alert, Button, Result, Space } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../../app/session-context';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ErrorState, PageLoading } from '../../../shared/ui/states';
import { AuthCard } from '../components/AuthCard';
import { AcceptInvitationMutation, InvitationQuery, MeQuery } from '../operations';

/** The page the invitation email links to (`/invitations/accept?token=…`). */
export default function InvitationPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { session } = useSession();
  const preview = useQuery(InvitationQuery, { variables: { token }, skip: !token });
  const [accept, accepted] = useMutation(AcceptInvitationMutation, { refetchQueries: [MeQuery] });

  if (!token)
    return (
      <AuthCard title={t('auth.invitationTitle')}>
        <Result status="warning" title={t('auth.missingToken')} />
      </AuthCard>
    );
  if (preview.loading) return <PageLoading />;
  if (preview.error)
    return (
      <AuthCard title={t('auth.invitationTitle')}>
        <ErrorState error={preview.error} />
      </AuthCard>
    );
  const invitation = preview.data?.invitation;
  return (
    <AuthCard title={t('auth.invitationTitle')}>
      {invitation && (
        <Alert
          type="info"
          showIcon
          title={t('auth.invitationFor', {
            organisation: invitation.organisation.name,
            role: t(`roles.${invitation.role}`),
          })}
          description={invitation.email}
          style={{ marginBottom: 16 }}
        />
      )}
      {accepted.data ? (
        <Result
          status="success"
          title={t('auth.invitationAccepted')}
          extra={<Link to="/workspace">{t('nav.workspace')}</Link>}
        />
      ) : session ? (
        <>
          {accepted.error && (
            <Alert
              type="error"
              showIcon
              title={describeApiError(accepted.error).message}
              style={{ marginBottom: 16 }}
            />
          )}
          <Button
            type="primary"
            loading={accepted.loading}
            onClick={() => void accept({ variables: { token } }).catch(() => undefined)}
          >
            {t('auth.acceptInvitation')}
          </Button>
        </>
      ) : (
        <Space orientation="vertical">
          {t('auth.signInToAccept')}
          <Space>
            <Link to={`/sign-in?next=${encodeURIComponent(`/invitations/accept?token=${token}`)}`}>
              <Button type="primary">{t('auth.signIn')}</Button>
            </Link>
            <Link to={`/register?invitation=${encodeURIComponent(token)}`}>
              <Button>{t('auth.register')}</Button>
            </Link>
          </Space>
        </Space>
      )}
    </AuthCard>
  );
}
