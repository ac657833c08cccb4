import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { getMe } from '../api/get-me';
import { changePassword as requestPasswordChange } from '../api/change-password';
import { login as requestLogin } from '../api/login';
import type { User } from '../types/api';
import { errorStatus, setUnauthorizedHandler, tokenStorage } from './api-client';

export const SESSION_ENDED_NOTICE = 'Your session has ended. Please sign in again.';

export interface AuthContextValue {
  user: User | null;
  /** True while a stored token is being checked with /api/auth/me. */
  loading: boolean;
  /** Why the user was sent back to the login page, if it was not their choice. */
  notice: string | null;
  login(username: string, password: string): Promise<User>;
  /** Changes the password and switches to the fresh token the API answers (the old one is retired). */
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  logout(): void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [token, setToken] = useState<string | null>(() => tokenStorage.get());
  const [notice, setNotice] = useState<string | null>(null);

  const me = useQuery({
    queryKey: ['me', token],
    queryFn: getMe,
    enabled: token !== null,
    retry: false,
    staleTime: Infinity,
  });

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setToken(null);
      setNotice(SESSION_ENDED_NOTICE);
      queryClient.clear();
    });
    return () => setUnauthorizedHandler(undefined);
  }, [queryClient]);

  const login = useCallback(
    async (username: string, password: string) => {
      const response = await requestLogin({ username, password });
      tokenStorage.set(response.access_token);
      queryClient.setQueryData(['me', response.access_token], response.user);
      setNotice(null);
      setToken(response.access_token);
      return response.user;
    },
    [queryClient],
  );

  const changePassword = useCallback(
    async (currentPassword: string, newPassword: string) => {
      const { access_token } = await requestPasswordChange({
        current_password: currentPassword,
        new_password: newPassword,
      });
      const current = queryClient.getQueryData<User>(['me', token]);
      tokenStorage.set(access_token);
      if (current) queryClient.setQueryData(['me', access_token], current);
      setToken(access_token);
    },
    [queryClient, token],
  );

  const logout = useCallback(() => {
    tokenStorage.clear();
    setNotice(null);
    setToken(null);
    queryClient.clear();
  }, [queryClient]);

  const value = useMemo<AuthContextValue>(() => {
    const user = token !== null && me.data ? me.data : null;
    const loading = token !== null && me.isPending;
    // A /me failure other than 401 (handled by the interceptor) still leaves no usable session.
    const failedNotice =
      token !== null && me.isError && errorStatus(me.error) !== 401 ? 'Could not load your account.' : null;
    return { user, loading, notice: notice ?? failedNotice, login, changePassword, logout };
  }, [token, me.data, me.isPending, me.isError, me.error, notice, login, changePassword, logout]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in user; only for components rendered behind the auth guard. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser needs a signed-in user');
  return user;
}
