import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/ui/error-alert';
import { Loading } from '../../components/ui/loading';
import { StatusBadge } from '../../components/ui/status-badge';
import { paths } from '../../config/paths';
import { RunExceptions } from '../../features/exceptions/components/run-exceptions';
import { LoansTable } from '../../features/loans/components/loans-table';
import { useRun } from '../../features/runs/api/get-run';
import { useRunSummary } from '../../features/runs/api/get-run-summary';
import { ConcentrationTable } from '../../features/runs/components/concentration-table';
import { EligibilityTable } from '../../features/runs/components/eligibility-table';
import { PortfolioTests } from '../../features/runs/components/portfolio-tests';
import { RunOutputs } from '../../features/runs/components/run-outputs';
import { RunProgress } from '../../features/runs/components/run-progress';
import { StratificationTables } from '../../features/runs/components/stratification-tables';
import { SummaryCards } from '../../features/runs/components/summary-cards';
import { errorStatus } from '../../lib/api-client';
import { formatDateTime, formatPercent } from '../../lib/format';
import type { Run } from '../../types/api';

export function RunDetailRoute() {
  const { runId = '' } = useParams();
  const run = useRun(runId);

  if (run.isPending) return <Loading label="Loading the run…" />;
  if (run.isError)
    return errorStatus(run.error) === 404 ? (
      <div role="alert" className="alert alert-error">
        Run {runId} was not found. <Link to={paths.dashboard.getHref()}>Back to the dashboard</Link>
      </div>
    ) : (
      <ErrorAlert error={run.error} title="Could not load the run" />
    );

  const data = run.data;
  return (
    <>
      <RunHeader run={data} />
      {(data.status === 'pending' || data.status === 'running') && <RunProgress run={data} />}
      {data.status === 'failed' && (
        <div role="alert" className="alert alert-error">
          <strong>The run failed{data.error?.phase ? ` in phase “${data.error.phase}”` : ''}.</strong>{' '}
          {data.error?.message ?? 'No error message was recorded.'}
        </div>
      )}
      {data.status === 'completed' && <CompletedRun runId={data.run_id} />}
    </>
  );
}

function RunHeader({ run }: { run: Run }) {
  return (
    <div className="page-header">
      <div>
        <p className="muted small">
          <Link to={paths.dashboard.getHref()}>Dashboard</Link> / Run
        </p>
        <h1>
          Run <span className="mono">{run.run_id.slice(0, 8)}</span> <StatusBadge status={run.status} />
        </h1>
        <p className="muted">
          Purchase date {run.pdate ?? '—'} · folder {run.folder || '—'} · IRR target {formatPercent(run.irr_target)} ·
          team {run.sales_team_name ?? 'none'} · rulebook v{run.rulebook_version ?? '—'} · started{' '}
          {formatDateTime(run.started_at)}
          {run.completed_at && ` · finished ${formatDateTime(run.completed_at)}`}
        </p>
      </div>
    </div>
  );
}

function CompletedRun({ runId }: { runId: string }) {
  const summary = useRunSummary(runId, true);
  return (
    <>
      {summary.isPending ? (
        <Loading label="Loading the summary…" />
      ) : summary.isError ? (
        <ErrorAlert error={summary.error} title="Could not load the summary" />
      ) : !summary.data.summary_available ? (
        <p className="muted">No summary is available for this run.</p>
      ) : (
        <>
          <SummaryCards summary={summary.data} />
          <EligibilityTable summary={summary.data} />
          <div className="two-columns">
            <PortfolioTests tests={summary.data.portfolio_tests ?? []} />
            <RunOutputs runId={runId} />
          </div>
          {summary.data.concentration && <ConcentrationTable concentration={summary.data.concentration} />}
          {summary.data.stratifications && <StratificationTables stratifications={summary.data.stratifications} />}
        </>
      )}
      <LoansTable runId={runId} />
      <RunExceptions runId={runId} />
    </>
  );
}
