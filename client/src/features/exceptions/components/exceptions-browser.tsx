import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { Loading } from '../../../components/ui/loading';
import { Pagination } from '../../../components/ui/pagination';
import { exportExceptions } from '../api/export-exceptions';
import { useExceptions, type ExceptionFilters } from '../api/get-exceptions';
import { ExceptionsTable } from './exceptions-table';

const PAGE_SIZE = 50;
const FILTER_FIELDS = [
  { key: 'run_id', label: 'Run ID' },
  { key: 'exception_type', label: 'Exception type' },
  { key: 'exception_category', label: 'Category' },
  { key: 'seller_loan_number', label: 'Loan number' },
] as const;

/** Filters live in the URL so a run's "Filter and export" link (and the back button) work. */
export function ExceptionsBrowser() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters: ExceptionFilters = {
    run_id: searchParams.get('run_id') ?? '',
    exception_type: searchParams.get('exception_type') ?? '',
    exception_category: searchParams.get('exception_category') ?? '',
    severity: searchParams.get('severity') ?? '',
    seller_loan_number: searchParams.get('seller_loan_number') ?? '',
  };
  const skip = Number(searchParams.get('skip') ?? 0) || 0;
  const exceptions = useExceptions({ ...filters, skip, limit: PAGE_SIZE });
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const [key, value] of form.entries())
      if (typeof value === 'string' && value.trim()) next.set(key, value.trim());
    setSearchParams(next);
  }

  function setSkip(nextSkip: number) {
    const next = new URLSearchParams(searchParams);
    next.set('skip', String(nextSkip));
    setSearchParams(next);
  }

  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    try {
      await exportExceptions(filters);
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  }

  return (
    <>
      <form
        className="panel filters"
        onSubmit={applyFilters}
        aria-label="Exception filters"
        key={searchParams.toString()}
      >
        {FILTER_FIELDS.map(({ key, label }) => (
          <label key={key}>
            {label}
            <input name={key} defaultValue={filters[key]} />
          </label>
        ))}
        <label>
          Severity
          <select name="severity" defaultValue={filters.severity}>
            <option value="">Any</option>
            <option value="error">error</option>
            <option value="warning">warning</option>
            <option value="info">info</option>
          </select>
        </label>
        <div className="filter-actions">
          <button type="submit">Apply filters</button>
          <button type="button" className="button-secondary" onClick={() => setSearchParams(new URLSearchParams())}>
            Clear
          </button>
          <button type="button" className="button-secondary" onClick={exportCsv} disabled={exporting}>
            {exporting ? 'Exporting…' : 'Export CSV'}
          </button>
        </div>
      </form>
      {exportError != null && <ErrorAlert error={exportError} title="Export failed" />}
      <section className="panel" aria-label="Exceptions">
        {exceptions.isPending ? (
          <Loading label="Loading exceptions…" />
        ) : exceptions.isError ? (
          <ErrorAlert error={exceptions.error} title="Could not load exceptions" />
        ) : exceptions.data.items.length === 0 ? (
          <EmptyState title="No exceptions match these filters." />
        ) : (
          <>
            <ExceptionsTable exceptions={exceptions.data.items} showRun />
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
    </>
  );
}
