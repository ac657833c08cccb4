import { formatNumber } from '../../../lib/format';
import type { PortfolioTest } from '../../../types/api';

const OPS: Record<string, string> = { gte: '≥', lte: '≤', gt: '>', lt: '<' };

export function PortfolioTests({ tests }: { tests: PortfolioTest[] }) {
  return (
    <section className="panel" aria-labelledby="portfolio-title">
      <h2 id="portfolio-title">Portfolio tests</h2>
      {tests.length === 0 ? (
        <p className="muted">The rulebook defines no portfolio tests.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Test</th>
              <th scope="col">Metric</th>
              <th scope="col" className="num">
                Threshold
              </th>
              <th scope="col" className="num">
                Value
              </th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {tests.map((test) => (
              <tr key={test.id}>
                <td>
                  <span className="mono">{test.id}</span> {test.name}
                </td>
                <td className="mono">{test.metric}</td>
                <td className="num">
                  {OPS[test.op] ?? test.op} {formatNumber(test.threshold)}
                </td>
                <td className="num">{formatNumber(test.value)}</td>
                <td>
                  <span
                    className={`badge ${test.pass === null ? 'badge-pending' : test.pass ? 'badge-pass' : 'badge-fail'}`}
                  >
                    {test.pass === null ? 'n/a' : test.pass ? 'pass' : 'fail'}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
