import { errorMessage } from '../../lib/api-client';
import { useReadiness } from './get-readiness';

export function SystemStatus() {
  const { data, error, isPending } = useReadiness();
  if (isPending) return <p role="status">Checking the API…</p>;
  if (error) return <p role="alert">API unreachable: {errorMessage(error)}</p>;
  const ready = data.status === 'ready';
  return (
    <p role="status" className={ready ? 'status ok' : 'status down'}>
      API {ready ? 'ready' : 'unavailable'} · database {data.database} · checked{' '}
      {new Date(data.timestamp).toLocaleTimeString()}
    </p>
  );
}
