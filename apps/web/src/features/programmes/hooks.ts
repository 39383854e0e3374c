import { useQuery } from '@apollo/client/react';
import { useSession, type RoleName } from '../../app/session-context';
import { MeQuery } from '../account/operations';

/** The role the person works in now (the role switcher's choice, else their first active role), as the workspace. */
export function useActiveRole(): { role: RoleName | null; loading: boolean } {
  const { session, activeRole } = useSession();
  const { data, loading } = useQuery(MeQuery, { skip: !session });
  const roles = (data?.me.memberships ?? []).filter((m) => m.status === 'ACTIVE').map((m) => m.role);
  const role = activeRole && roles.includes(activeRole) ? activeRole : (roles[0] ?? null);
  return { role, loading: loading && !data };
}
