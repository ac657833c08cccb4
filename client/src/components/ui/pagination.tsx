export interface PaginationProps {
  total: number;
  skip: number;
  limit: number;
  onSkipChange(skip: number): void;
  label?: string;
}

export function Pagination({ total, skip, limit, onSkipChange, label = 'Pagination' }: PaginationProps) {
  if (total === 0) return null;
  const first = skip + 1;
  const last = Math.min(skip + limit, total);
  return (
    <nav className="pagination" aria-label={label}>
      <span>
        {first}–{last} of {total.toLocaleString('en-US')}
      </span>
      <button type="button" onClick={() => onSkipChange(Math.max(0, skip - limit))} disabled={skip === 0}>
        Previous
      </button>
      <button type="button" onClick={() => onSkipChange(skip + limit)} disabled={last >= total}>
        Next
      </button>
    </nav>
  );
}
