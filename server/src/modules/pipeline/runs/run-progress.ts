import type { Logger } from '../../../lib/logger.js';
import type { RunsRepository } from './runs.repository.js';
import type { RunPhase } from './runs.schemas.js';

const FLUSH_MS = 1_000;

/**
 * Keeps pipeline_runs' phase/progress current without a database write per loan: the latest state
 * is flushed at most once a second, and rewritten every flush as the run's heartbeat (a run whose
 * heartbeat stops is found by the worker's sweep and marked failed as interrupted).
 */
export class RunProgress {
  private phase: RunPhase = 'ingest';
  private done = 0;
  private total = 0;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly runId: string,
    private readonly runs: RunsRepository,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  get currentPhase(): RunPhase {
    return this.phase;
  }

  async enter(phase: RunPhase, total = 0): Promise<void> {
    this.phase = phase;
    this.done = 0;
    this.total = total;
    await this.flush();
  }

  update(done: number, total = this.total): void {
    this.done = done;
    this.total = total;
  }

  flush(): Promise<void> {
    const { phase, done, total } = this;
    this.writing = this.writing
      .then(() => this.runs.recordProgress(this.runId, phase, done, total))
      .catch((error: unknown) => this.logger.warn({ err: error, runId: this.runId }, 'could not record run progress'));
    return this.writing;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.writing;
  }
}
