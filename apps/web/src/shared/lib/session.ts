/**
 * The signed-in session, kept in localStorage so a reload keeps it. Tokens come from `login` and
 * `refreshTokens`; the access token is short-lived, the refresh token rotates on every refresh.
 */
export interface SessionUser {
  id: string;
  displayName: string;
  email: string;
  emailVerified: boolean;
  locale: string;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: SessionUser;
}

const STORAGE_KEY = 'tt.session';
type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

export function readSession(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function writeSession(session: Session | null): void {
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else localStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener(session);
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const REFRESH_MUTATION = `mutation RefreshSession($refreshToken: String!) {
  refreshTokens(refreshToken: $refreshToken) { accessToken refreshToken user { id displayName email emailVerified locale } }
}`;

let inFlight: Promise<boolean> | null = null;

/**
 * Exchanges the refresh token for new tokens, once at a time: several requests failing together share one
 * refresh (a second use of the spent token would count as reuse and end the session).
 */
export function refreshSession(graphqlUrl = '/graphql'): Promise<boolean> {
  inFlight ??= (async () => {
    const current = readSession();
    if (!current) return false;
    try {
      const response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: REFRESH_MUTATION, variables: { refreshToken: current.refreshToken } }),
      });
      const body = (await response.json()) as {
        data?: { refreshTokens?: { accessToken: string; refreshToken: string; user: SessionUser } } | null;
      };
      const fresh = body.data?.refreshTokens;
      if (!fresh) return false;
      writeSession({ accessToken: fresh.accessToken, refreshToken: fresh.refreshToken, user: fresh.user });
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/** Why the session ended, shown once on the sign-in screen. */
const EXPIRED_KEY = 'tt.sessionExpired';
export function markSessionExpired(): void {
  sessionStorage.setItem(EXPIRED_KEY, '1');
  writeSession(null);
}
export function takeSessionExpired(): boolean {
  const expired = sessionStorage.getItem(EXPIRED_KEY) === '1';
  sessionStorage.removeItem(EXPIRED_KEY);
  return expired;
}
