import { useQuery } from '@apollo/client/react';
import { useSession } from '../../app/session-context';
import { EnterpriseContextQuery } from './operations';

/** The enterprise the signed-in member acts for (their first active enterprise membership) and the industries. */
export function useEnterprise() {
  const { session } = useSession();
  const context = useQuery(EnterpriseContextQuery, { skip: !session });
  const enterprise =
    context.data?.me.memberships.find((m) => m.role === 'ENTERPRISE_MEMBER' && m.status === 'ACTIVE')?.organisation ??
    null;
  return {
    session,
    loading: context.loading,
    error: context.error,
    refetch: context.refetch,
    enterprise,
    industries: context.data?.industries ?? [],
  };
}
