import type { SummaryDecision } from '../engine/summary.js';
import type { LoanPrice } from '../engine/types.js';
import type { LoanExceptionRow, LoanFactRow, LoansRepository } from '../loans/loans.repository.js';

const FLUSH_ROWS = 5_000;

/**
 * Buffers a run's loan facts and exception rows and writes them through the bulk path in batches.
 * One batch may be in flight while the next fills (double buffering): on PostgreSQL the server
 * does its share of the work on another core while this process goes on judging loans.
 */
export class RunWriter {
  private facts: LoanFactRow[] = [];
  private exceptions: LoanExceptionRow[] = [];
  private exceptionCount = 0;
  private inFlight: Promise<void> = Promise.resolve();
  private abandoned = false;

  constructor(
    private readonly runId: string,
    private readonly loans: LoansRepository,
  ) {}

  get exceptionsWritten(): number {
    return this.exceptionCount;
  }

  async add(decision: SummaryDecision, loanData: object, price: LoanPrice | null): Promise<void> {
    this.facts.push({
      runId: this.runId,
      sellerLoanNumber: decision.key.slice(0, 50),
      disposition: decision.disposition,
      loanData,
      pricePct: price?.price_pct ?? null,
      purchasePrice: price?.purchase_price ?? null,
      walYears: price?.wal_years ?? null,
    });
    for (const exception of decision.exceptions) {
      this.exceptions.push({
        runId: this.runId,
        sellerLoanNumber: exception.seller_loan_number.slice(0, 50),
        exceptionType: exception.exception_type,
        exceptionCategory: exception.exception_category,
        severity: exception.severity,
        message: exception.message,
        rejectionCriteria: exception.rejection_criteria,
      });
    }
    this.exceptionCount += decision.exceptions.length;
    if (this.facts.length >= FLUSH_ROWS || this.exceptions.length >= FLUSH_ROWS) await this.startBatch();
  }

  /** Writes everything buffered and waits until it is stored. */
  async flush(): Promise<void> {
    await this.startBatch();
    await this.inFlight;
  }

  /**
   * For a failing run: writes nothing more and waits until no batch is in flight, so the clean-up
   * that follows deletes everything (a batch landing after the delete would survive it).
   */
  async abandon(): Promise<void> {
    this.abandoned = true;
    this.facts = [];
    this.exceptions = [];
    for (;;) {
      const current = this.inFlight;
      await current.catch(() => undefined);
      if (current === this.inFlight) return;
    }
  }

  private async startBatch(): Promise<void> {
    await this.inFlight; // a failed batch surfaces here, before anything else is written
    if (this.abandoned) return;
    const [facts, exceptions] = [this.facts, this.exceptions];
    this.facts = [];
    this.exceptions = [];
    this.inFlight = (async () => {
      await this.loans.insertFacts(facts);
      await this.loans.insertExceptions(exceptions);
    })();
    // Observed later by the next startBatch/flush; this only keeps Node from reporting it as unhandled meanwhile.
    this.inFlight.catch(() => undefined);
  }
}
