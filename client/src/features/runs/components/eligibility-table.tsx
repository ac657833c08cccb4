import { formatCount, formatMoney } from '../../../lib/format';
import type { RunSummary } from '../../../types/api';

export function EligibilityTable({ summary }: { summary: RunSummary }) {
  const checks = Object.entries(summary.eligibility_checks);
  const maxFailed = Math.max(1, ...checks.map(([, check]) => check.failed_count));
  return (
    <section className="panel" aria-labelledby="eligibility-title">
      <h2 id="eligibility-title">Eligibility checks</h2>
      {checks.length === 0 ? (
        <p className="muted">No eligibility results for this run.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Name</th>
                <th scope="col">Category</th>
                <th scope="col">Action</th>
                <th scope="col" className="num">
                  Failed
                </th>
                <th scope="col" className="num">
                  Failed balance
                </th>
                <th scope="col" aria-label="Failed share" />
              </tr>
            </thead>
            <tbody>
              {checks.map(([id, check]) => (
                <tr key={id} className={check.failed_count > 0 ? '' : 'row-quiet'}>
                  <td className="mono">{id}</td>
                  <td>{check.name}</td>
                  <td>{check.category}</td>
                  <td>{check.action}</td>
                  <td className="num">{formatCount(check.failed_count)}</td>
                  <td className="num">{formatMoney(check.failed_balance)}</td>
                  <td className="bar-cell">
                    <span
                      className={`inline-bar action-${check.action}`}
                      style={{ width: `${(check.failed_count / maxFailed) * 100}%` }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
