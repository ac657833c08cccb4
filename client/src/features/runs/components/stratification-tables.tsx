import { formatCount, formatMoney, formatNumber, formatPercent } from '../../../lib/format';
import type { RunSummary, StratificationRow } from '../../../types/api';

const TITLES: Record<string, string> = {
  by_state: 'By state',
  by_grade: 'By grade',
  by_term: 'By term (months)',
  by_fico_band: 'By FICO band',
  by_rate_band: 'By interest rate band (%)',
};

export function StratificationTables({
  stratifications,
}: {
  stratifications: NonNullable<RunSummary['stratifications']>;
}) {
  const tables = Object.entries(stratifications).filter((entry): entry is [string, StratificationRow[]] =>
    Array.isArray(entry[1]),
  );
  return (
    <section className="panel" aria-labelledby="strat-title">
      <h2 id="strat-title">Stratifications of the purchase pool</h2>
      <div className="strat-grid">
        {tables.map(([key, rows]) => (
          <div key={key} className="table-wrap">
            <table>
              <caption>{TITLES[key] ?? key.replace(/_/g, ' ')}</caption>
              <thead>
                <tr>
                  <th scope="col">Bucket</th>
                  <th scope="col" className="num">
                    Loans
                  </th>
                  <th scope="col" className="num">
                    Balance
                  </th>
                  <th scope="col" className="num">
                    Share
                  </th>
                  <th scope="col" className="num">
                    WA rate
                  </th>
                  <th scope="col" className="num">
                    WA FICO
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.bucket}>
                    <td>{row.bucket}</td>
                    <td className="num">{formatCount(row.count)}</td>
                    <td className="num">{formatMoney(row.balance)}</td>
                    <td className="num">{formatPercent(row.share_pct)}</td>
                    <td className="num">{formatPercent(row.wa_interest_rate)}</td>
                    <td className="num">{formatNumber(row.wa_fico, 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </div>
    </section>
  );
}
