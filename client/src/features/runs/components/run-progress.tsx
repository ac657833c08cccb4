import { ProgressBar } from '../../../components/ui/progress-bar';
import { formatCount } from '../../../lib/format';
import type { Run } from '../../../types/api';

export function RunProgress({ run }: { run: Run }) {
  const { phase, done, total, percent } = run.progress;
  return (
    <section className="panel" aria-labelledby="progress-title">
      <h2 id="progress-title">{run.status === 'pending' ? 'Waiting to start' : 'Running'}</h2>
      <p>
        {run.status === 'pending'
          ? 'The run is queued; the worker will pick it up shortly.'
          : `Phase: ${phase ?? run.last_phase ?? 'starting'}`}
        {total > 0 && ` · ${formatCount(done)} of ${formatCount(total)}`}
      </p>
      <ProgressBar percent={percent} label="Run progress" />
    </section>
  );
}
