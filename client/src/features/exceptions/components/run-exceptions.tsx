import { useState } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { Loading } from '../../../components/ui/loading';
import { Pagination } from '../../../components/ui/pagination';
import { paths } from '../../../config/paths';
import { useExceptions } from '../api/get-exceptions';
import { ExceptionsTable } from './exceptions-table';

const PAGE_SIZE = 25;

/** One run's exceptions, with a link to the full browser (filters, CSV export). */
export function RunExceptions({ runId }: { runId: string }) {
  const [skip, setSkip] = useState(0);
  const exceptions = useExceptions({ run_id: runId, skip, limit: PAGE_SIZE });
  return (
    <section className="panel" aria-labelledby="run-exceptions-title">
      <div className="panel-header">
        <h2 id="run-exceptions-title">Exceptions</h2>
        <Link to={paths.exceptions.getHref(runId)}>Filter and export</Link>
      </div>
      {exceptions.isPending ? (
        <Loading label="Loading exceptions…" />
      ) : exceptions.isError ? (
        <ErrorAlert error={exceptions.error} title="Could not load exceptions" />
      ) : exceptions.data.items.length === 0 ? (
        <EmptyState title="No exceptions for this run." />
      ) : (
        <>
          <ExceptionsTable exceptions={exceptions.data.items} showRun={false} />
          <Pagination
            total={exceptions.data.total}
            skip={skip}
            limit={PAGE_SIZE}
            onSkipChange={setSkip}
            label="Exceptions pages"
          />
        </>
      )}
    </section>
  );
}
