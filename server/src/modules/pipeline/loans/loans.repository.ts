// loan_facts and loan_exceptions: bulk writes for runs (fast path), scoped reads for the API.
import type { Database } from '../../../lib/db.js';
import type { BulkColumn } from '../../../lib/bulk-insert.js';
import type { TeamScope } from '../runs/runs.repository.js';

export interface LoanFactRow {
  runId: string;
  sellerLoanNumber: string;
  disposition: string;
  loanData: object;
  pricePct: number | null;
  purchasePrice: number | null;
  walYears: number | null;
}

export interface LoanExceptionRow {
  runId: string;
  sellerLoanNumber: string;
  exceptionType: string;
  exceptionCategory: string;
  severity: string;
  message: string;
  rejectionCriteria: string;
}

const FACT_COLUMNS: BulkColumn[] = [
  { name: 'run_id', pgType: 'text' },
  { name: 'seller_loan_number', pgType: 'text' },
  { name: 'disposition', pgType: 'text' },
  { name: 'loan_data', pgType: 'jsonb' },
  { name: 'price_pct', pgType: 'double precision' },
  { name: 'purchase_price', pgType: 'numeric' },
  { name: 'wal_years', pgType: 'double precision' },
  { name: 'created_at', pgType: 'timestamptz' },
];

const EXCEPTION_COLUMNS: BulkColumn[] = [
  { name: 'run_id', pgType: 'text' },
  { name: 'seller_loan_number', pgType: 'text' },
  { name: 'exception_type', pgType: 'text' },
  { name: 'exception_category', pgType: 'text' },
  { name: 'severity', pgType: 'text' },
  { name: 'message', pgType: 'text' },
  { name: 'rejection_criteria', pgType: 'text' },
  { name: 'created_at', pgType: 'timestamptz' },
];

export interface LoanFilter {
  runId?: string;
  disposition?: string;
  skip: number;
  limit: number;
}

export interface ExceptionFilter {
  runId?: string;
  exceptionType?: string;
  exceptionCategory?: string;
  severity?: string;
  sellerLoanNumber?: string;
}

const exceptionSelect = {
  id: true,
  runId: true,
  sellerLoanNumber: true,
  exceptionType: true,
  exceptionCategory: true,
  severity: true,
  message: true,
  rejectionCriteria: true,
  createdAt: true,
} as const;

const factSelect = {
  id: true,
  runId: true,
  sellerLoanNumber: true,
  disposition: true,
  pricePct: true,
  purchasePrice: true,
  walYears: true,
  loanData: true,
  createdAt: true,
} as const;

function runScope(scope: TeamScope) {
  if (scope === 'all') return {};
  return { run: { salesTeamId: scope ?? -1 } };
}

export function loansRepository(db: Database) {
  const { prisma } = db;
  const exceptionWhere = (filter: ExceptionFilter, scope: TeamScope) => ({
    runId: filter.runId,
    exceptionType: filter.exceptionType,
    exceptionCategory: filter.exceptionCategory,
    severity: filter.severity,
    sellerLoanNumber: filter.sellerLoanNumber,
    ...runScope(scope),
  });

  return {
    async insertFacts(rows: LoanFactRow[]): Promise<void> {
      const now = new Date();
      await db.bulk.insert(
        'loan_facts',
        FACT_COLUMNS,
        rows.map((row) => [
          row.runId,
          row.sellerLoanNumber,
          row.disposition,
          row.loanData,
          row.pricePct,
          row.purchasePrice,
          row.walYears,
          now,
        ]),
      );
    },
    async insertExceptions(rows: LoanExceptionRow[]): Promise<void> {
      const now = new Date();
      await db.bulk.insert(
        'loan_exceptions',
        EXCEPTION_COLUMNS,
        rows.map((row) => [
          row.runId,
          row.sellerLoanNumber,
          row.exceptionType,
          row.exceptionCategory,
          row.severity,
          row.message,
          row.rejectionCriteria,
          now,
        ]),
      );
    },
    /** Removes everything a run wrote (its facts, exceptions and file records): used when a run fails. */
    async deleteRunData(runId: string): Promise<void> {
      await prisma.$transaction([
        prisma.loanException.deleteMany({ where: { runId } }),
        prisma.loanFact.deleteMany({ where: { runId } }),
        prisma.runFile.deleteMany({ where: { runId } }),
      ]);
    },
    /** Whether any completed run has purchased anything (lets a first run skip the per-batch lookups). */
    async anyPurchased(): Promise<boolean> {
      const row = await prisma.loanFact.findFirst({
        where: { disposition: 'purchase', run: { status: 'completed' } },
        select: { id: true },
      });
      return row !== null;
    },
    /** Which of these loan numbers a completed run already purchased. */
    async purchasedAmong(loanNumbers: string[]): Promise<Set<string>> {
      const found = new Set<string>();
      for (let start = 0; start < loanNumbers.length; start += 5_000) {
        const rows = await prisma.loanFact.findMany({
          where: {
            sellerLoanNumber: { in: loanNumbers.slice(start, start + 5_000) },
            disposition: 'purchase',
            run: { status: 'completed' },
          },
          select: { sellerLoanNumber: true },
          distinct: ['sellerLoanNumber'],
        });
        for (const row of rows) found.add(row.sellerLoanNumber);
      }
      return found;
    },
    async listLoans(filter: LoanFilter, scope: TeamScope) {
      const where = { runId: filter.runId, disposition: filter.disposition, ...runScope(scope) };
      const [items, total] = await Promise.all([
        prisma.loanFact.findMany({
          where,
          select: factSelect,
          orderBy: { id: 'asc' },
          skip: filter.skip,
          take: filter.limit,
        }),
        prisma.loanFact.count({ where }),
      ]);
      return { items, total };
    },
    async listExceptions(filter: ExceptionFilter & { skip: number; limit: number }, scope: TeamScope) {
      const where = exceptionWhere(filter, scope);
      const [items, total] = await Promise.all([
        prisma.loanException.findMany({
          where,
          select: exceptionSelect,
          orderBy: { id: 'asc' },
          skip: filter.skip,
          take: filter.limit,
        }),
        prisma.loanException.count({ where }),
      ]);
      return { items, total };
    },
    /** All matching exceptions in pages (keyset on id), for streaming exports. */
    async *iterateExceptions(filter: ExceptionFilter, scope: TeamScope, pageSize = 2_000) {
      let afterId = 0;
      for (;;) {
        const page = await prisma.loanException.findMany({
          where: { ...exceptionWhere(filter, scope), id: { gt: afterId } },
          select: exceptionSelect,
          orderBy: { id: 'asc' },
          take: pageSize,
        });
        if (!page.length) return;
        yield page;
        afterId = page[page.length - 1]!.id;
      }
    },
  };
}

export type LoansRepository = ReturnType<typeof loansRepository>;
