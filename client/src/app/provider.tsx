import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { errorStatus } from '../lib/api-client';
import { AuthProvider } from '../lib/auth';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Retrying a 4xx only delays the message the user needs to see.
      queries: { retry: (failures, error) => failures < 1 && (errorStatus(error) ?? 500) >= 500, staleTime: 5_000 },
    },
  });
}

export function AppProvider({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <AuthProvider>{children}</AuthProvider>
    </QueryClientProvider>
  );
}
