import type { Role } from '../gql/graphql';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { readSession, subscribeSession, writeSession, type Session } from '../shared/lib/session';

export type RoleName = Role;
const ROLE_KEY = 'tt.activeRole';

interface SessionState {
  session: Session | null;
  /** The workspace the person is acting in (one person may hold several roles). */
  activeRole: RoleName | null;
  setActiveRole: (role: RoleName) => void;
  signIn: (session: Session) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

const LOGOUT = `mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }`;

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const [session, setSession] = useState<Session | null>(() => readSession());
  const [activeRole, setRole] = useState<RoleName | null>(() => localStorage.getItem(ROLE_KEY) as RoleName | null);

  useEffect(() => subscribeSession(setSession), []);

  const setActiveRole = useCallback((role: RoleName) => {
    localStorage.setItem(ROLE_KEY, role);
    setRole(role);
  }, []);

  const signIn = useCallback(
    (next: Session) => {
      writeSession(next);
      void client.resetStore();
    },
    [client],
  );

  const signOut = useCallback(async () => {
    const current = readSession();
    writeSession(null);
    localStorage.removeItem(ROLE_KEY);
    setRole(null);
    if (current) {
      // Ends this session at the API too; the page does not wait on it to sign out locally.
      await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: LOGOUT, variables: { refreshToken: current.refreshToken } }),
      }).catch(() => undefined);
    }
    await client.clearStore();
  }, [client]);

  const value = useMemo(
    () => ({ session, activeRole, setActiveRole, signIn, signOut }),
    [session, activeRole, setActiveRole, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a SessionProvider');
  return value;
}
