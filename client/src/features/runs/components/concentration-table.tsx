import { formatCount, formatMoney, formatPercent } from '../../../lib/format';
import type { RunSummary } from '../../../types/api';

export function ConcentrationTable({ concentration }: { concentration: NonNullable<RunSummary['concentration']> }) {
  return (
    <section className="panel" aria-labelledby="concentration-title">
      <h2 id="concentration-title">Concentration</h2>
      <p className="muted">
        {concentration.enforced
          ? `Limits enforced (pool above the ${formatMoney(concentration.min_pool_balance)} minimum).`
          : `Limits not enforced: the pool is below the ${formatMoney(concentration.min_pool_balance)} minimum.`}{' '}
        Pool balance {formatMoney(concentration.pool_balance_before)} → {formatMoney(concentration.pool_balance_after)}.
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Limit</th>
              <th scope="col">Dimension</th>
              <th scope="col" className="num">
                Max share
              </th>
              <th scope="col">Largest bucket</th>
              <th scope="col" className="num">
                Largest share
              </th>
              <th scope="col" className="num">
                Removed
              </th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {concentration.limits.map((limit) => (
              <tr key={limit.id}>
                <td>
                  <span className="mono">{limit.id}</span> {limit.name}
                </td>
                <td>{limit.dimension}</td>
                <td className="num">{formatPercent(limit.max_share_pct)}</td>
                <td>{limit.largest?.bucket ?? '—'}</td>
                <td className="num">{formatPercent(limit.largest?.share_pct)}</td>
                <td className="num">
                  {formatCount(limit.removed_count)} ({formatMoney(limit.removed_balance)})
                </td>
                <td>
                  <span className={`badge ${limit.pass ? 'badge-pass' : 'badge-fail'}`}>
                    {limit.pass ? 'pass' : 'breach'}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
