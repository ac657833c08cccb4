import { z } from 'zod';
import { paging } from '../../../lib/http/common-schemas.js';
import { registry } from '../../../lib/openapi.js';

const runId = z.uuid({ message: 'run_id must be a UUID' });

export const exceptionFilterQuery = z.object({
  run_id: runId.optional(),
  exception_type: z.string().max(100).optional(),
  exception_category: z.string().max(100).optional(),
  severity: z.enum(['error', 'warning', 'info'], { message: 'severity must be error, warning or info' }).optional(),
  seller_loan_number: z.string().max(50).optional(),
});
export const listExceptionsSchema = z.object({ query: exceptionFilterQuery.extend(paging) });
export const exportExceptionsSchema = z.object({ query: exceptionFilterQuery });

export const listLoansQuery = z.object({
  run_id: runId.optional(),
  disposition: z
    .enum(['purchase', 'reject', 'hold'], { message: 'disposition must be purchase, reject or hold' })
    .optional(),
  ...paging,
});
export const listLoansSchema = z.object({ query: listLoansQuery });

export const exceptionResponseSchema = registry.register(
  'ExceptionResponse',
  z.object({
    id: z.number().int(),
    run_id: z.string(),
    seller_loan_number: z.string(),
    exception_type: z.string(),
    exception_category: z.string(),
    severity: z.string(),
    message: z.string().nullable(),
    rejection_criteria: z.string().nullable(),
    created_at: z.string(),
  }),
);

export const loanResponseSchema = registry.register(
  'LoanResponse',
  z.object({
    id: z.number().int(),
    run_id: z.string(),
    seller_loan_number: z.string(),
    disposition: z.string().nullable(),
    price_pct: z.number().nullable(),
    purchase_price: z.number().nullable(),
    wal_years: z.number().nullable(),
    loan_data: z.record(z.string(), z.unknown()).nullable(),
    created_at: z.string(),
  }),
);

export interface ExceptionRow {
  id: number;
  runId: string;
  sellerLoanNumber: string;
  exceptionType: string;
  exceptionCategory: string;
  severity: string;
  message: string | null;
  rejectionCriteria: string | null;
  createdAt: Date;
}

export function toExceptionResponse(row: ExceptionRow) {
  return {
    id: row.id,
    run_id: row.runId,
    seller_loan_number: row.sellerLoanNumber,
    exception_type: row.exceptionType,
    exception_category: row.exceptionCategory,
    severity: row.severity,
    message: row.message,
    rejection_criteria: row.rejectionCriteria,
    created_at: row.createdAt.toISOString(),
  };
}

export function toLoanResponse(row: {
  id: number;
  runId: string;
  sellerLoanNumber: string;
  disposition: string | null;
  pricePct: number | null;
  purchasePrice: { toNumber(): number } | null;
  walYears: number | null;
  loanData: unknown;
  createdAt: Date;
}) {
  return {
    id: row.id,
    run_id: row.runId,
    seller_loan_number: row.sellerLoanNumber,
    disposition: row.disposition,
    price_pct: row.pricePct,
    purchase_price: row.purchasePrice === null ? null : row.purchasePrice.toNumber(),
    wal_years: row.walYears,
    loan_data: (row.loanData ?? null) as Record<string, unknown> | null,
    created_at: row.createdAt.toISOString(),
  };
}
