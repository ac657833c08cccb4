// Executes one claimed run through its phases (pipeline spec §2):
// ingest+eligibility (streamed together) → concentration → pricing → outputs → archive → done.
// Loans that leave the purchase pool early are written at once in batches; only the purchase pool
// stays in memory (concentration needs all of it). On any failure everything the run wrote —
// facts, exceptions, files — is removed and the run is marked failed with the phase and a message.
import { mkdtemp, rm } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../lib/errors.js';
import type { Logger } from '../../../lib/logger.js';
import { checkStoragePath } from '../../../lib/storage/safe-path.js';
import type { StorageBackend } from '../../../lib/storage/storage.types.js';
import { applyConcentrationLimits } from '../engine/concentration.js';
import { createLoanPricer } from '../engine/pricing.js';
import { createRuleEvaluator } from '../engine/rules.js';
import { createSummaryAccumulator, type SummaryDecision } from '../engine/summary.js';
import { readTape, TapeFormatError, type TapeSource } from '../engine/tape-reader.js';
import type { TapeLoan } from '../engine/types.js';
import type { LoansRepository } from '../loans/loans.repository.js';
import type { RulebookService } from '../rulebook/rulebook.service.js';
import { archiveInputs } from './run-archive.js';
import { ExceptionReport, writeRunOutputs } from './run-outputs.js';
import { RunProgress } from './run-progress.js';
import { RunWriter } from './run-writer.js';
import type { RunFilesRepository } from './run-files.repository.js';
import type { RunRecord, RunsRepository } from './runs.repository.js';
import { isTapeFileName } from './tape-files.js';

export interface RunExecutorDeps {
  storage: StorageBackend;
  logger: Logger;
  runs: RunsRepository;
  loans: LoansRepository;
  runFiles: RunFilesRepository;
  rulebooks: RulebookService;
}

const LOOKUP_BATCH = 2_000;

/** A loan the pricer cannot price (no remaining term or balance) is held, not bought blind. */
const UNPRICEABLE = { exception_type: 'PRICING', exception_category: 'pricing', severity: 'warning' } as const;

export class RunFailure extends Error {}

/** Text for run.error_message: what the analyst can act on, never internals. */
function userMessage(error: unknown, phase: string): string {
  if (error instanceof TapeFormatError || error instanceof AppError || error instanceof RunFailure)
    return error.message;
  return `Unexpected error during ${phase}; the run was rolled back (details are in the server log)`;
}

/** The tapes in the run's folder, in name order (other files are ignored and logged). */
async function listTapePaths(storage: StorageBackend, folder: string, logger: Logger): Promise<string[]> {
  const entries = (await storage.list('inputs', folder)).filter((entry) => !entry.is_dir);
  const tapes = entries
    .filter((entry) => isTapeFileName(entry.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const ignored = entries.filter((entry) => !isTapeFileName(entry.name)).map((entry) => entry.name);
  if (ignored.length) logger.info({ ignored }, 'run: ignoring files that are not tapes (.csv/.xlsx)');
  if (!tapes.length) throw new RunFailure(`The folder "${folder || '/'}" no longer holds a tape file (.csv or .xlsx)`);
  return tapes.map((entry) => entry.path);
}

/** After a rollback: the run's (now empty) folders in outputs go too, deepest first. */
async function removeEmptyRunFolders(storage: StorageBackend, runFolder: string): Promise<void> {
  for (const folder of [`${runFolder}/archive/inputs`, `${runFolder}/archive`, runFolder]) {
    await storage.delete('outputs', folder).catch(() => undefined);
  }
}

function loanData(loan: TapeLoan): object {
  return {
    ...loan.fields,
    source_file: loan.sourceFile,
    row_number: loan.rowNumber,
    extra: loan.extras,
    ...(loan.problems.length ? { parse_errors: loan.problems } : {}),
  };
}

export interface RunExecutionResult {
  status: 'completed' | 'failed';
  /** Milliseconds spent in each phase (ingest includes the streamed eligibility checks). */
  timings: Record<string, number>;
  totalLoans: number;
}

export async function executeRun(run: RunRecord, deps: RunExecutorDeps): Promise<RunExecutionResult> {
  const { storage, runs, loans, runFiles } = deps;
  const logger = deps.logger.child({ runId: run.runId });
  const progress = new RunProgress(run.runId, runs, logger);
  const scratch = await mkdtemp(join(tmpdir(), `loan-engine-run-${run.runId}-`));
  const storedFiles: { area: 'outputs' | 'output_share'; path: string }[] = [];
  const writer = new RunWriter(run.runId, loans);
  const started = Date.now();
  const timings: Record<string, number> = {};
  let phaseStarted = started;
  const enter = async (phase: Parameters<RunProgress['enter']>[0], total = 0) => {
    timings[progress.currentPhase] = (timings[progress.currentPhase] ?? 0) + Date.now() - phaseStarted;
    phaseStarted = Date.now();
    await progress.enter(phase, total);
  };
  progress.start();

  try {
    const pdate = run.pdate!;
    const { version, rulebook } = await deps.rulebooks.current();
    await runs.setRulebookVersion(run.runId, version);
    const paths = await listTapePaths(storage, run.folder ?? '', logger);
    // The tapes are archived first and the run reads the archived copies: the SHA-256 on record is
    // then exactly what was judged, even if someone replaces a file in inputs while the run goes on.
    const outputDir = `runs/${run.runId}`;
    const archived = await archiveInputs(storage, paths, `${outputDir}/archive/inputs`);
    storedFiles.push(...archived.map((file) => ({ area: 'outputs' as const, path: file.path })));
    const sources: TapeSource[] = archived.map((file) => ({
      name: file.fileName,
      open: async () => (await storage.download('outputs', file.path)).stream,
    }));

    // ingest + eligibility, streamed: read a batch, look up earlier purchases for it, judge it.
    const purchasedBefore = new Set<string>();
    const checkEarlierPurchases = await loans.anyPurchased();
    const evaluator = createRuleEvaluator(rulebook, {
      pdate,
      previouslyPurchased: (number) => purchasedBefore.has(number),
    });
    const summary = createSummaryAccumulator(rulebook);
    const report = new ExceptionReport(scratch);
    await report.start();
    const pool: SummaryDecision[] = [];
    let totalLoans = 0;
    let totalBalance = 0;
    let batch: TapeLoan[] = [];

    const judgeBatch = async () => {
      const numbers = batch
        .map((loan) => loan.fields.seller_loan_number)
        .filter((number): number is string => !!number);
      purchasedBefore.clear();
      if (checkEarlierPurchases) for (const number of await loans.purchasedAmong(numbers)) purchasedBefore.add(number);
      for (const loan of batch) {
        const decision: SummaryDecision = evaluator.evaluate(loan);
        if (decision.disposition === 'purchase') {
          pool.push(decision);
          continue;
        }
        summary.add(decision);
        await report.add(decision);
        await writer.add(decision, loanData(loan), null);
      }
      batch = [];
      progress.update(totalLoans);
    };

    for await (const loan of readTape(sources, { columnAliases: rulebook.column_aliases, pdate })) {
      totalLoans += 1;
      totalBalance += loan.fields.current_balance ?? 0;
      batch.push(loan);
      if (batch.length >= LOOKUP_BATCH) await judgeBatch();
    }
    // A tape without loans is an ingest failure, reported before the run moves on to eligibility.
    if (totalLoans === 0) throw new RunFailure('The tape has a header but no loan rows');
    await enter('eligibility', totalLoans);
    await judgeBatch();

    await enter('concentration', pool.length);
    const outcome = applyConcentrationLimits(pool, rulebook);
    for (const decision of outcome.held) {
      summary.add(decision);
      await report.add(decision);
      await writer.add(decision, loanData(decision.loan), null);
    }

    await enter('pricing', outcome.kept.length);
    const pricer = createLoanPricer(rulebook.pricing, run.irrTarget ?? 8.05);
    const purchased: SummaryDecision[] = [];
    for (const decision of outcome.kept) {
      const price = pricer(decision.loan.fields);
      if (price) {
        decision.price = price;
        purchased.push(decision);
      } else {
        decision.disposition = 'hold';
        decision.exceptions.push({
          ...UNPRICEABLE,
          seller_loan_number: decision.key,
          message: `cannot be priced: current_balance ${decision.loan.fields.current_balance ?? 'missing'}, remaining_term ${decision.loan.fields.remaining_term ?? 'missing'}`,
          rejection_criteria: 'Priceable: positive balance and remaining term',
        });
      }
      summary.add(decision);
      await report.add(decision);
      await writer.add(decision, loanData(decision.loan), price);
      if (purchased.length % LOOKUP_BATCH === 0) progress.update(purchased.length);
    }
    // The last batches are stored while the report files are written (overlaps on PostgreSQL).
    const stored = writer.flush();
    stored.catch(() => undefined);
    await report.end();

    await enter('outputs');
    const { kept: _kept, held: _held, ...concentration } = outcome;
    const runSummary = summary.finish({ runId: run.runId, concentration });
    const outputs = await writeRunOutputs(scratch, purchased, report, runSummary);
    for (const file of outputs) {
      const path = `${outputDir}/${file.fileName}`;
      const entry = await storage.upload('outputs', path, createReadStream(file.localPath), {
        overwrite: true,
        contentType: file.contentType,
      });
      storedFiles.push({ area: 'outputs', path });
      await runFiles.add(run.runId, {
        kind: 'output',
        outputKey: file.outputKey,
        fileName: file.fileName,
        area: 'outputs',
        path,
        size: entry.size,
        sha256: null,
        contentType: file.contentType,
      });
    }
    await enter('archive', archived.length);
    for (const file of archived) {
      await runFiles.add(run.runId, {
        kind: 'archive',
        outputKey: file.fileName,
        fileName: file.fileName,
        area: 'outputs',
        path: file.path,
        size: file.size,
        sha256: file.sha256,
        contentType: file.contentType,
      });
    }

    await stored;
    // Shared copies go out last, once everything else has succeeded: a copy overwrites an earlier
    // run's copy for the same team and date, so a run that fails must not have replaced it.
    const team = run.salesTeam?.name;
    if (team) {
      const shareFolder = checkStoragePath(`${team}/${pdate}`);
      if (shareFolder.ok) {
        for (const file of outputs.filter((output) => output.shared)) {
          const target = `${shareFolder.path}/${file.fileName}`;
          await storage.copy('outputs', `${outputDir}/${file.fileName}`, 'output_share', target, { overwrite: true });
          storedFiles.push({ area: 'output_share', path: target });
        }
      } else {
        logger.warn({ team }, 'run: team name is not usable as a folder; outputs not shared');
      }
    }

    await enter('done');
    await progress.stop();
    const completed = await runs.markCompleted(run.runId, {
      totalLoans,
      totalBalance,
      exceptionsCount: writer.exceptionsWritten,
      summary: runSummary,
      outputDir: `outputs/${outputDir}`,
    });
    if (!completed) {
      // Marked failed as interrupted by a sweep while it stalled; the catch below removes what it wrote.
      throw new RunFailure('the run was marked interrupted while it was still in progress');
    }
    logger.info(
      {
        totalLoans,
        purchased: purchased.length,
        exceptions: writer.exceptionsWritten,
        ms: Date.now() - started,
        timings,
      },
      'run completed',
    );
    return { status: 'completed', timings, totalLoans };
  } catch (error) {
    const phase = progress.currentPhase;
    await progress.stop();
    await writer.abandon();
    logger.error({ err: error, phase }, 'run failed; rolling back what it wrote');
    await loans
      .deleteRunData(run.runId)
      .catch((cleanupError: unknown) => logger.error({ err: cleanupError }, 'run clean-up: could not delete rows'));
    for (const file of storedFiles) {
      await storage.delete(file.area, file.path).catch(() => undefined);
    }
    await removeEmptyRunFolders(storage, `runs/${run.runId}`);
    await runs.markFailed(run.runId, phase, userMessage(error, phase));
    return { status: 'failed', timings, totalLoans: 0 };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
