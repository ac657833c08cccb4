// Loan facts and exceptions across runs (sales-team users: their team's runs only), and the
// streamed CSV export of an exception filter.
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../../app.js';
import { bearerAuth, pickErrors, registry } from '../../../lib/openapi.js';
import { input, validate } from '../../../lib/http/validate.js';
import type { AuthMiddleware } from '../../auth/auth.middleware.js';
import { teamScope } from '../../auth/permissions.js';
import { formatCsvRow } from '../engine/output-writers.js';
import { loansRepository, type ExceptionFilter } from './loans.repository.js';
import { runsRepository } from '../runs/runs.repository.js';
import { NotFoundError } from '../../../lib/errors.js';
import {
  exceptionFilterQuery,
  exceptionResponseSchema,
  exportExceptionsSchema,
  listExceptionsSchema,
  listLoansQuery,
  listLoansSchema,
  loanResponseSchema,
  toExceptionResponse,
  toLoanResponse,
} from './loans.schemas.js';

const secured = [{ [bearerAuth.name]: [] }];

registry.registerPath({
  method: 'get',
  path: '/api/exceptions',
  tags: ['exceptions'],
  summary: 'Loan exceptions, filtered; total in X-Total-Count',
  security: secured,
  request: { query: listExceptionsSchema.shape.query },
  responses: {
    200: { description: 'Exceptions', content: { 'application/json': { schema: z.array(exceptionResponseSchema) } } },
    ...pickErrors(401, 422),
  },
});
registry.registerPath({
  method: 'get',
  path: '/api/exceptions/export',
  tags: ['exceptions'],
  summary: 'The same filter as CSV, streamed',
  security: secured,
  request: { query: exceptionFilterQuery },
  responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...pickErrors(401, 422) },
});
registry.registerPath({
  method: 'get',
  path: '/api/loans',
  tags: ['loans'],
  summary: 'Loan facts with disposition and price; total in X-Total-Count',
  security: secured,
  request: { query: listLoansQuery },
  responses: {
    200: { description: 'Loans', content: { 'application/json': { schema: z.array(loanResponseSchema) } } },
    ...pickErrors(401, 422),
  },
});

const EXPORT_HEADER = [
  'id',
  'run_id',
  'seller_loan_number',
  'exception_type',
  'exception_category',
  'severity',
  'message',
  'rejection_criteria',
  'created_at',
];

function toFilter(query: z.output<typeof exceptionFilterQuery>): ExceptionFilter {
  return {
    runId: query.run_id,
    exceptionType: query.exception_type,
    exceptionCategory: query.exception_category,
    severity: query.severity,
    sellerLoanNumber: query.seller_loan_number,
  };
}

export function loansRouter(context: AppContext, { authenticate, authorize }: AuthMiddleware): Router {
  const loans = loansRepository(context.db);
  const runs = runsRepository(context.db.prisma);
  /** A run_id filter must name a run this user may see: another team's run is 404, as everywhere. */
  const assertRunVisible = async (runId: string | undefined, user: Express.User) => {
    if (runId && !(await runs.findByRunId(runId, teamScope(user)))) throw new NotFoundError(`Run ${runId} not found`);
  };
  const router = Router();
  const canRead = [authenticate, authorize('runs:read')];

  router.get('/exceptions', ...canRead, validate(listExceptionsSchema), async (req, res) => {
    const { query } = input(req, listExceptionsSchema);
    await assertRunVisible(query.run_id, req.user!);
    const { items, total } = await loans.listExceptions(
      { ...toFilter(query), skip: query.skip, limit: query.limit },
      teamScope(req.user!),
    );
    res.set('X-Total-Count', String(total)).json(items.map(toExceptionResponse));
  });

  router.get('/exceptions/export', ...canRead, validate(exportExceptionsSchema), async (req, res) => {
    const { query } = input(req, exportExceptionsSchema);
    await assertRunVisible(query.run_id, req.user!);
    const name = query.run_id ? `exceptions_${query.run_id}.csv` : 'exceptions.csv';
    res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"` });
    res.write(`${formatCsvRow(EXPORT_HEADER)}\r\n`);
    for await (const page of loans.iterateExceptions(toFilter(query), teamScope(req.user!))) {
      const chunk = page.map((row) => formatCsvRow(Object.values(toExceptionResponse(row))) + '\r\n').join('');
      if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
      if (res.destroyed) return;
    }
    res.end();
  });

  router.get('/loans', ...canRead, validate(listLoansSchema), async (req, res) => {
    const { query } = input(req, listLoansSchema);
    await assertRunVisible(query.run_id, req.user!);
    const { items, total } = await loans.listLoans(
      { runId: query.run_id, disposition: query.disposition, skip: query.skip, limit: query.limit },
      teamScope(req.user!),
    );
    res.set('X-Total-Count', String(total)).json(items.map(toLoanResponse));
  });

  return router;
}
