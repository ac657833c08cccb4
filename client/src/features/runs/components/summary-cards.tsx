import { StatCard } from '../../../components/ui/stat-card';
import { formatCount, formatMoney, formatNumber, formatPercent } from '../../../lib/format';
import type { RunSummary } from '../../../types/api';

const DISPOSITIONS = [
  { key: 'purchase', label: 'Purchased', className: 'bar-purchase' },
  { key: 'hold', label: 'Held', className: 'bar-hold' },
  { key: 'reject', label: 'Rejected', className: 'bar-reject' },
] as const;

export function SummaryCards({ summary }: { summary: RunSummary }) {
  const pool = summary.purchase_pool;
  const total = summary.total_balance || 1;
  return (
    <section className="panel" aria-labelledby="summary-title">
      <h2 id="summary-title">Summary</h2>
      <div className="stat-grid">
        <StatCard label="Total loans" value={formatCount(summary.total_loans)} />
        <StatCard label="Total balance" value={formatMoney(summary.total_balance)} />
        <StatCard label="Exceptions" value={formatCount(summary.exceptions_count)} />
        {DISPOSITIONS.map(({ key, label }) => {
          const value = summary.dispositions?.[key];
          return (
            <StatCard
              key={key}
              label={`${label} loans`}
              value={formatCount(value?.count ?? 0)}
              hint={formatMoney(value?.balance ?? 0)}
            />
          );
        })}
      </div>
      <div className="stacked-bar" role="img" aria-label="Share of balance by disposition">
        {DISPOSITIONS.map(({ key, label, className }) => {
          const share = ((summary.dispositions?.[key]?.balance ?? 0) / total) * 100;
          return share > 0 ? (
            <div key={key} className={className} style={{ width: `${share}%` }} title={`${label} ${share.toFixed(1)}%`}>
              {share >= 8 ? `${label} ${share.toFixed(0)}%` : ''}
            </div>
          ) : null;
        })}
      </div>
      {pool && (
        <>
          <h3>Purchase pool</h3>
          <div className="stat-grid">
            <StatCard label="Purchase price" value={formatMoney(pool.total_purchase_price)} />
            <StatCard label="WA price" value={formatPercent(pool.wa_price_pct, 4)} />
            <StatCard label="WA interest rate" value={formatPercent(pool.wa_interest_rate)} />
            <StatCard label="WA FICO" value={formatNumber(pool.wa_fico, 0)} />
            <StatCard label="WA DTI" value={formatNumber(pool.wa_dti)} />
            <StatCard label="WA remaining term" value={formatNumber(pool.wa_remaining_term, 1)} hint="months" />
            <StatCard label="WA loan age" value={formatNumber(pool.wa_loan_age_months, 1)} hint="months" />
            <StatCard label="WAL" value={formatNumber(pool.wal_years)} hint="years" />
          </div>
        </>
      )}
    </section>
  );
}
