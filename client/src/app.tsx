import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { SystemStatus } from './features/status/system-status';

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1 } } });

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <main className="shell">
        <h1>Loan Engine</h1>
        <p>Loan tape eligibility, concentration limits and pricing for a forward-flow desk.</p>
        <SystemStatus />
        <p>
          <a href="/docs">API documentation</a>
        </p>
      </main>
    </QueryClientProvider>
  );
}
