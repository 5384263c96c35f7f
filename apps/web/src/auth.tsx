import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, endSession, hasSession, onIdentityChanged, onSessionLost, refreshSession, setTokens, unwrap } from './api/client';
import type { Account } from './api/types';

type Status = 'loading' | 'anonymous' | 'authenticated';

interface Auth {
  status: Status;
  me: Account | null;
  /** `remember`: 「ログインしたままにする」 — stay signed in across tabs and browser restarts. */
  login(email: string, password: string, remember?: boolean): Promise<void>;
  register(email: string, password: string, displayName: string): Promise<void>;
  logout(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>(hasSession() ? 'loading' : 'anonymous');
  const [me, setMe] = useState<Account | null>(null);

  const loadMe = useCallback(async () => {
    const account = await unwrap(api.GET('/api/v1/me'));
    setMe(account);
    setStatus('authenticated');
  }, []);

  useEffect(() => {
    if (status !== 'loading') return;
    // A reload: the access token lived in memory only; the httpOnly refresh cookie gets a new one.
    refreshSession()
      .then((ok) => (ok ? loadMe() : setStatus('anonymous')))
      .catch(() => setStatus('anonymous'));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(
    () =>
      onSessionLost(() => {
        setMe(null);
        setStatus('anonymous');
      }),
    [],
  );

  // The browser's one refresh cookie now belongs to someone else: show who is signed in now.
  useEffect(() => onIdentityChanged(() => void loadMe().catch(() => setStatus('anonymous'))), [loadMe]);

  const login = useCallback(
    async (email: string, password: string, remember = false) => {
      const tokens = await unwrap(api.POST('/api/v1/auth/login', { body: { email, password, ...(remember ? { remember: true } : {}) } }));
      setTokens(tokens, remember);
      await loadMe();
    },
    [loadMe],
  );

  const register = useCallback(
    async (email: string, password: string, displayName: string) => {
      await unwrap(api.POST('/api/v1/auth/register', { body: { email, password, displayName: displayName || undefined } }));
      await login(email, password);
    },
    [login],
  );

  const logout = useCallback(async () => {
    await endSession();
  }, []);

  const value = useMemo(() => ({ status, me, login, register, logout }), [status, me, login, register, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('AuthProvider missing');
  return ctx;
}

export const STAFF_ROLES = ['municipality_staff', 'prefecture_staff', 'admin'] as const;
export const HQ_ROLES = ['hq_analyst', 'admin', 'prefecture_staff', 'municipality_staff'] as const;
