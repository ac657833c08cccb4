import { useState } from 'react';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { Loading } from '../../../components/ui/loading';
import { Pagination } from '../../../components/ui/pagination';
import { StatusBadge } from '../../../components/ui/status-badge';
import { formatMoney, formatNumber } from '../../../lib/format';
import type { Loan } from '../../../types/api';
import { useLoans } from '../api/get-loans';

const PAGE_SIZE = 25;

const field = (loan: Loan, key: string) => loan.loan_data?.[key];
const numberField = (loan: Loan, key: string) => {
  const value = field(loan, key);
  return typeof value === 'number' ? value : null;
};

export function LoansTable({ runId }: { runId: string }) {
  const [disposition, setDisposition] = useState('');
  const [skip, setSkip] = useState(0);
  const loans = useLoans({ run_id: runId, disposition, skip, limit: PAGE_SIZE });

  return (
    <section className="panel" aria-labelledby="loans-title">
      <div className="panel-header">
        <h2 id="loans-title">Loans</h2>
        <label className="inline-field">
          Disposition
          <select
            value={disposition}
            onChange={(event) => {
              setDisposition(event.target.value);
              setSkip(0);
            }}
          >
            <option value="">All</option>
            <option value="purchase">purchase</option>
            <option value="hold">hold</option>
            <option value="reject">reject</option>
          </select>
        </label>
      </div>
      {loans.isPending ? (
        <Loading label="Loading loans…" />
      ) : loans.isError ? (
        <ErrorAlert error={loans.error} title="Could not load loans" />
      ) : loans.data.items.length === 0 ? (
        <EmptyState title="No loans match." />
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Loan</th>
                  <th scope="col">Disposition</th>
                  <th scope="col">State</th>
                  <th scope="col">Grade</th>
                  <th scope="col" className="num">
                    FICO
                  </th>
                  <th scope="col" className="num">
                    Rate
                  </th>
                  <th scope="col" className="num">
                    Balance
                  </th>
                  <th scope="col" className="num">
                    Price %
                  </th>
                  <th scope="col" className="num">
                    Purchase price
                  </th>
                </tr>
              </thead>
              <tbody>
                {loans.data.items.map((loan) => (
                  <tr key={loan.id}>
                    <td className="mono">{loan.seller_loan_number}</td>
                    <td>{loan.disposition ? <StatusBadge status={loan.disposition} /> : '—'}</td>
                    <td>{String(field(loan, 'state') ?? '—')}</td>
                    <td>{String(field(loan, 'sub_grade') ?? field(loan, 'grade') ?? '—')}</td>
                    <td className="num">{formatNumber(numberField(loan, 'fico'), 0)}</td>
                    <td className="num">{formatNumber(numberField(loan, 'interest_rate'))}</td>
                    <td className="num">{formatMoney(numberField(loan, 'current_balance'))}</td>
                    <td className="num">{formatNumber(loan.price_pct, 4)}</td>
                    <td className="num">{formatMoney(loan.purchase_price)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            total={loans.data.total}
            skip={skip}
            limit={PAGE_SIZE}
            onSkipChange={setSkip}
            label="Loans pages"
          />
        </>
      )}
    </section>
  );
}
