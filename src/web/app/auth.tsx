/**
 * Who is signed in. The session itself is an httpOnly cookie; the app keeps the account (for menus and
 * permission checks) and the CSRF token (for every non-GET request).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Permission } from '../../modules/org/roles.ts';
import { apiFetch, setCsrfToken, setSessionProblemHandler, type ApiError } from './api-client.ts';

export type { Permission };

export interface SessionAccount {
  id: number;
  username: string;
  displayName: string;
  role: string;
  unitId: number;
  unitName: string;
  mustChangePassword: boolean;
  permissions: Permission[];
}

interface SessionResponse {
  account: SessionAccount;
  csrfToken: string;
}

export type AuthStatus = 'loading' | 'signedOut' | 'signedIn';

interface AuthValue {
  status: AuthStatus;
  account: SessionAccount | null;
  /** set when the session ran out while working, so the sign-in screen can say why */
  sessionNotice: string | null;
  signIn(username: string, password: string): Promise<SessionAccount>;
  signOut(): Promise<void>;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  can(permission: Permission): boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [account, setAccount] = useState<SessionAccount | null>(null);
  const [sessionNotice, setSessionNotice] = useState<string | null>(null);

  const accept = useCallback((session: SessionResponse) => {
    setCsrfToken(session.csrfToken);
    setAccount(session.account);
    setStatus('signedIn');
    setSessionNotice(null);
  }, []);

  const forget = useCallback(() => {
    setCsrfToken(null);
    setAccount(null);
    setStatus('signedOut');
  }, []);

  useEffect(() => {
    let isCurrent = true;
    apiFetch<SessionResponse>('/api/auth/me', { isSessionProblemExpected: true })
      .then((session) => isCurrent && accept(session))
      .catch(() => isCurrent && forget());
    return () => {
      isCurrent = false;
    };
  }, [accept, forget]);

  useEffect(() => {
    setSessionProblemHandler((error: ApiError) => {
      if (error.code === 'PASSWORD_CHANGE_REQUIRED') {
        setAccount((current) => (current ? { ...current, mustChangePassword: true } : current));
        return;
      }
      setSessionNotice(error.message);
      forget();
    });
    return () => setSessionProblemHandler(null);
  }, [forget]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const session = await apiFetch<SessionResponse>('/api/auth/sign-in', {
        method: 'POST',
        body: { username, password },
        isSessionProblemExpected: true,
      });
      accept(session);
      return session.account;
    },
    [accept],
  );

  const signOut = useCallback(async () => {
    try {
      await apiFetch('/api/auth/sign-out', { method: 'POST', isSessionProblemExpected: true });
    } finally {
      setSessionNotice(null);
      forget();
    }
  }, [forget]);

  const changePassword = useCallback(
    async (currentPassword: string, newPassword: string) => {
      await apiFetch('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
      accept(await apiFetch<SessionResponse>('/api/auth/me'));
    },
    [accept],
  );

  const value = useMemo<AuthValue>(
    () => ({
      status,
      account,
      sessionNotice,
      signIn,
      signOut,
      changePassword,
      can: (permission) => account?.permissions.includes(permission) ?? false,
    }),
    [status, account, sessionNotice, signIn, signOut, changePassword],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in account; only for pages rendered behind the sign-in screen. */
export function useAccount(): SessionAccount {
  const { account } = useAuth();
  if (!account) throw new Error('useAccount without a signed-in account');
  return account;
}
