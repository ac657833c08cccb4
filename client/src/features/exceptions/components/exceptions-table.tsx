import type { LoanException } from '../../../types/api';

export function ExceptionsTable({ exceptions, showRun }: { exceptions: LoanException[]; showRun: boolean }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {showRun && <th scope="col">Run</th>}
            <th scope="col">Loan</th>
            <th scope="col">Type</th>
            <th scope="col">Category</th>
            <th scope="col">Severity</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {exceptions.map((exception) => (
            <tr key={exception.id}>
              {showRun && <td className="mono">{exception.run_id.slice(0, 8)}</td>}
              <td className="mono">{exception.seller_loan_number}</td>
              <td className="mono">{exception.exception_type}</td>
              <td>{exception.exception_category}</td>
              <td>
                <span className={`badge badge-${exception.severity}`}>{exception.severity}</span>
              </td>
              <td>
                {exception.message ?? '—'}
                {exception.rejection_criteria && <div className="muted small">{exception.rejection_criteria}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
