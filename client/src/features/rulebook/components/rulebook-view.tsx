import { formatMoney } from '../../../lib/format';

interface Rule {
  id: string;
  name: string;
  category: string;
  action: string;
  check?: Record<string, unknown>;
}
interface Limit {
  id: string;
  name: string;
  dimension: string;
  max_share_pct: number;
  values?: unknown;
}
interface Test {
  id: string;
  name: string;
  metric: string;
  op: string;
  value: number;
}

const list = <T,>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

function describeCheck(check: Record<string, unknown> | undefined): string {
  if (!check) return '—';
  const { op, ...rest } = check;
  const args = Object.entries(rest)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : JSON.stringify(value)}`)
    .join('; ');
  return args ? `${String(op)} — ${args}` : String(op);
}

export function RulebookView({ rulebook }: { rulebook: Record<string, unknown> }) {
  const rules = list<Rule>(rulebook.rules);
  const limits = list<Limit>(rulebook.concentration_limits);
  const tests = list<Test>(rulebook.portfolio_tests);
  const pricing = (rulebook.pricing ?? {}) as Record<string, unknown>;
  const minPool = rulebook.concentration_min_pool_balance;
  return (
    <>
      <section className="panel" aria-labelledby="rules-title">
        <h2 id="rules-title">Eligibility rules ({rules.length})</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">ID</th>
                <th scope="col">Name</th>
                <th scope="col">Category</th>
                <th scope="col">Action</th>
                <th scope="col">Check</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule) => (
                <tr key={rule.id}>
                  <td className="mono">{rule.id}</td>
                  <td>{rule.name}</td>
                  <td>{rule.category}</td>
                  <td>
                    <span className={`badge action-badge-${rule.action}`}>{rule.action}</span>
                  </td>
                  <td className="mono small">{describeCheck(rule.check)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <div className="two-columns">
        <section className="panel" aria-labelledby="limits-title">
          <h2 id="limits-title">Concentration limits</h2>
          <p className="muted small">
            Enforced when the purchase pool is at least {typeof minPool === 'number' ? formatMoney(minPool) : '—'}.
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">ID</th>
                <th scope="col">Name</th>
                <th scope="col">Dimension</th>
                <th scope="col" className="num">
                  Max share
                </th>
              </tr>
            </thead>
            <tbody>
              {limits.map((limit) => (
                <tr key={limit.id}>
                  <td className="mono">{limit.id}</td>
                  <td>{limit.name}</td>
                  <td>{limit.dimension}</td>
                  <td className="num">{limit.max_share_pct}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel" aria-labelledby="tests-title">
          <h2 id="tests-title">Portfolio tests and pricing</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">ID</th>
                <th scope="col">Test</th>
                <th scope="col">Rule</th>
              </tr>
            </thead>
            <tbody>
              {tests.map((test) => (
                <tr key={test.id}>
                  <td className="mono">{test.id}</td>
                  <td>{test.name}</td>
                  <td className="mono small">
                    {test.metric} {test.op} {test.value}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="key-values">
            {Object.entries(pricing).map(([key, value]) => (
              <div key={key}>
                <dt>{key.replace(/_/g, ' ')}</dt>
                <dd>{String(value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </>
  );
}
