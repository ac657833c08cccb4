import { Link } from 'react-router-dom';
import { paths } from '../../config/paths';
import { RecentRunsChart } from '../../features/runs/components/recent-runs-chart';
import { RunsTable } from '../../features/runs/components/runs-table';
import { useUser } from '../../lib/auth';
import { canStartRun } from '../../lib/authorization';

export function DashboardRoute() {
  const user = useUser();
  return (
    <>
      <div className="page-header">
        <h1>Dashboard</h1>
        {canStartRun(user) && (
          <Link className="button" to={paths.newRun.getHref()}>
            Start a new run
          </Link>
        )}
      </div>
      <RecentRunsChart />
      <RunsTable />
    </>
  );
}
