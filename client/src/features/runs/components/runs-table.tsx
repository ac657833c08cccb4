import { useState } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { Loading } from '../../../components/ui/loading';
import { Pagination } from '../../../components/ui/pagination';
import { StatusBadge } from '../../../components/ui/status-badge';
import { paths } from '../../../config/paths';
import { formatCount, formatDateTime, formatMoney, shortId } from '../../../lib/format';
import type { RunStatus } from '../../../types/api';
import { useRuns } from '../api/get-runs';

const PAGE_SIZE = 20;
const STATUSES: RunStatus[] = ['pending', 'running', 'completed', 'failed'];

export function RunsTable() {
  const [status, setStatus] = useState<RunStatus | ''>('');
  const [skip, setSkip] = useState(0);
  const runs = useRuns({ skip, limit: PAGE_SIZE, status });

  return (
    <section className="panel" aria-labelledby="runs-title">
      <div className="panel-header">
        <h2 id="runs-title">Runs</h2>
        <label className="inline-field">
          Status
          <select
            value={status}
            onChange={(event) => {
              setStatus(event.target.value as RunStatus | '');
              setSkip(0);
            }}
          >
            <option value="">All</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
      </div>
      {runs.isPending ? (
        <Loading label="Loading runs…" />
      ) : runs.isError ? (
        <ErrorAlert error={runs.error} title="Could not load runs" />
      ) : runs.data.items.length === 0 ? (
        <EmptyState title={status ? `No ${status} runs.` : 'No runs yet.'}>
          {!status && 'Upload a loan tape on the Files page, then start a run.'}
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Run</th>
                  <th scope="col">Status</th>
                  <th scope="col">Purchase date</th>
                  <th scope="col">Folder</th>
                  <th scope="col">Team</th>
                  <th scope="col" className="num">
                    Loans
                  </th>
                  <th scope="col" className="num">
                    Balance
                  </th>
                  <th scope="col" className="num">
                    Exceptions
                  </th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {runs.data.items.map((run) => (
                  <tr key={run.run_id}>
                    <td>
                      <Link to={paths.runDetail.getHref(run.run_id)} className="mono">
                        {shortId(run.run_id)}
                      </Link>
                    </td>
                    <td>
                      <StatusBadge status={run.status} />
                    </td>
                    <td>{run.pdate ?? '—'}</td>
                    <td>{run.folder || '—'}</td>
                    <td>{run.sales_team_name ?? '—'}</td>
                    <td className="num">{formatCount(run.total_loans)}</td>
                    <td className="num">{formatMoney(run.total_balance)}</td>
                    <td className="num">{formatCount(run.exceptions_count)}</td>
                    <td>{formatDateTime(run.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination total={runs.data.total} skip={skip} limit={PAGE_SIZE} onSkipChange={setSkip} label="Runs pages" />
        </>
      )}
    </section>
  );
}
