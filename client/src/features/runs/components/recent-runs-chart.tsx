import { ErrorAlert } from '../../../components/ui/error-alert';
import { Loading } from '../../../components/ui/loading';
import { useRuns } from '../api/get-runs';
import { RunsChart } from './runs-chart';

const RECENT = 10;

export function RecentRunsChart() {
  const runs = useRuns({ skip: 0, limit: RECENT });
  return (
    <section className="panel" aria-labelledby="chart-title">
      <h2 id="chart-title">Recent runs</h2>
      {runs.isPending ? (
        <Loading label="Loading recent runs…" />
      ) : runs.isError ? (
        <ErrorAlert error={runs.error} title="Could not load recent runs" />
      ) : (
        <RunsChart runs={runs.data.items} />
      )}
    </section>
  );
}
