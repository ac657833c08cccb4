// Runs: start one, list and read them (with live progress), their summary, outputs and archive.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../../app.js';
import { NotFoundError } from '../../../lib/errors.js';
import { bearerAuth, pickErrors, registry } from '../../../lib/openapi.js';
import { input, validate } from '../../../lib/http/validate.js';
import { sendDownload } from '../../../lib/http/send-download.js';
import type { StorageArea } from '../../../lib/storage/storage.types.js';
import type { AuthMiddleware } from '../../auth/auth.middleware.js';
import type { RunFileRecord } from './run-files.repository.js';
import type { RunRecord } from './runs.repository.js';
import { createRunsService, type RunsService } from './runs.service.js';
import {
  createRunBody,
  createRunSchema,
  listRunsQuery,
  listRunsSchema,
  runIdParams,
  runIdSchema,
  runResponseSchema,
  toRunResponse,
} from './runs.schemas.js';
import { runsRepository } from './runs.repository.js';
import { runFilesRepository } from './run-files.repository.js';
import { salesTeamsRepository } from '../../sales-teams/sales-teams.repository.js';
import { createAuditService } from '../../audit/audit.service.js';

const secured = [{ [bearerAuth.name]: [] }];
const runJson = { 'application/json': { schema: runResponseSchema } };

const outputKeyParams = runIdParams.extend({
  output_key: z.string().regex(/^[a-z0-9_.-]{1,100}$/, 'unknown output key'),
});
const outputDownloadSchema = z.object({ params: outputKeyParams });
const archiveDownloadSchema = z.object({
  params: runIdParams,
  query: z.object({ path: z.string().min(1, 'path is required').max(1000) }),
});

const summaryResponseSchema = registry.register(
  'SummaryResponse',
  z
    .object({
      run_id: z.string(),
      status: z.string(),
      total_loans: z.number().int(),
      total_balance: z.number(),
      exceptions_count: z.number().int(),
      eligibility_checks: z.record(z.string(), z.unknown()),
      summary_available: z.boolean(),
    })
    .passthrough(),
);

const runFileSchema = registry.register(
  'RunFile',
  z.object({
    output_key: z.string(),
    file_name: z.string(),
    path: z.string(),
    size: z.number().int(),
    content_type: z.string(),
    sha256: z.string().nullable(),
    created_at: z.string(),
  }),
);

registry.registerPath({
  method: 'post',
  path: '/api/pipeline/run',
  tags: ['runs'],
  summary: 'Start a pipeline run on a folder of tapes in inputs (202: queued; poll GET /api/runs/{run_id})',
  security: secured,
  request: { body: { content: { 'application/json': { schema: createRunBody } } } },
  responses: { 202: { description: 'Queued', content: runJson }, ...pickErrors(401, 403, 422) },
});
registry.registerPath({
  method: 'get',
  path: '/api/runs',
  tags: ['runs'],
  summary: 'Runs, newest first (sales-team users: their team only); total in X-Total-Count',
  security: secured,
  request: { query: listRunsQuery },
  responses: {
    200: { description: 'Runs', content: { 'application/json': { schema: z.array(runResponseSchema) } } },
    ...pickErrors(401, 422),
  },
});
for (const [path, summary, schema] of [
  ['/api/runs/{run_id}', 'One run with status and progress', runResponseSchema],
  ['/api/runs/{run_id}/notebook-outputs', "The run's output files", z.array(runFileSchema)],
  ['/api/runs/{run_id}/archive', 'The tape files the run read, with SHA-256', z.array(runFileSchema)],
] as const) {
  registry.registerPath({
    method: 'get',
    path,
    tags: ['runs'],
    summary,
    security: secured,
    request: { params: runIdParams },
    responses: {
      200: { description: summary, content: { 'application/json': { schema } } },
      ...pickErrors(401, 404, 422),
    },
  });
}
registry.registerPath({
  method: 'get',
  path: '/api/runs/{run_id}/notebook-outputs/{output_key}/download',
  tags: ['runs'],
  summary: 'Download one output file (streamed)',
  security: secured,
  request: { params: outputKeyParams },
  responses: { 200: { description: 'The file' }, ...pickErrors(401, 404, 422) },
});
registry.registerPath({
  method: 'get',
  path: '/api/runs/{run_id}/archive/download',
  tags: ['runs'],
  summary: 'Download one archived input file by its archive path (streamed)',
  security: secured,
  request: { params: runIdParams, query: archiveDownloadSchema.shape.query },
  responses: { 200: { description: 'The file' }, ...pickErrors(401, 404, 422) },
});

registry.registerPath({
  method: 'get',
  path: '/api/summary/{run_id}',
  tags: ['runs'],
  summary: "A run's summary: totals, dispositions, eligibility checks, portfolio tests, concentration, stratifications",
  security: secured,
  request: { params: runIdParams },
  responses: {
    200: { description: 'Summary', content: { 'application/json': { schema: summaryResponseSchema } } },
    ...pickErrors(401, 404, 422),
  },
});

/** The seed's summary shape first; the full run summary (pipeline spec §7) once the run completed. */
function toSummaryResponse(run: RunRecord, summary: unknown) {
  const full = (summary ?? {}) as Record<string, unknown>;
  return {
    ...full,
    run_id: run.runId,
    status: run.status,
    pdate: run.pdate,
    rulebook_version: run.rulebookVersion,
    summary_available: summary !== null && summary !== undefined,
    total_loans: run.totalLoans,
    total_balance: run.totalBalance,
    exceptions_count: run.exceptionsCount,
    eligibility_checks: (full.eligibility_checks as Record<string, unknown> | undefined) ?? {},
  };
}

function toRunFile(file: RunFileRecord) {
  return {
    output_key: file.outputKey,
    file_name: file.fileName,
    path: file.path,
    size: file.size,
    content_type: file.contentType,
    sha256: file.sha256,
    created_at: file.createdAt.toISOString(),
  };
}

export function runsRouter(context: AppContext, auth: AuthMiddleware, notifyWorker?: () => void): Router {
  const { authenticate, authorize } = auth;
  const runFiles = runFilesRepository(context.db.prisma);
  const service: RunsService = createRunsService({
    runs: runsRepository(context.db.prisma),
    salesTeams: salesTeamsRepository(context.db.prisma),
    storage: context.storage,
    audit: createAuditService(context),
    businessTimezone: context.config.businessTimezone,
    notifyWorker,
  });
  const router = Router();
  const canRead = [authenticate, authorize('runs:read')];

  async function sendStoredFile(req: Request, res: Response, file: RunFileRecord) {
    const { stream, size } = await context.storage.download(file.area as StorageArea, file.path);
    await sendDownload(req, res, { stream, size, contentType: file.contentType, fileName: file.fileName });
  }

  router.post('/pipeline/run', authenticate, authorize('runs:create'), validate(createRunSchema), async (req, res) => {
    const run = await service.create(input(req, createRunSchema).body, req.user!);
    res.status(202).location(`/api/runs/${run.runId}`).json(toRunResponse(run));
  });

  router.get('/runs', ...canRead, validate(listRunsSchema), async (req, res) => {
    const { query } = input(req, listRunsSchema);
    const { items, total } = await service.list(
      { status: query.status, runWeekday: query.run_weekday, skip: query.skip, limit: query.limit },
      req.user!,
    );
    res.set('X-Total-Count', String(total)).json(items.map(toRunResponse));
  });

  router.get('/runs/:run_id', ...canRead, validate(runIdSchema), async (req, res) => {
    res.json(toRunResponse(await service.get(input(req, runIdSchema).params.run_id, req.user!)));
  });

  router.get('/summary/:run_id', ...canRead, validate(runIdSchema), async (req, res) => {
    const { run, summary } = await service.summary(input(req, runIdSchema).params.run_id, req.user!);
    res.json(toSummaryResponse(run, summary));
  });

  router.get('/runs/:run_id/notebook-outputs', ...canRead, validate(runIdSchema), async (req, res) => {
    const run = await service.get(input(req, runIdSchema).params.run_id, req.user!);
    res.json((await runFiles.list(run.runId, 'output')).map(toRunFile));
  });

  router.get(
    '/runs/:run_id/notebook-outputs/:output_key/download',
    ...canRead,
    validate(outputDownloadSchema),
    async (req, res) => {
      const { params } = input(req, outputDownloadSchema);
      const run = await service.get(params.run_id, req.user!);
      const file = await runFiles.find(run.runId, 'output', params.output_key);
      if (!file) throw new NotFoundError(`Run ${run.runId} has no output "${params.output_key}"`);
      await sendStoredFile(req, res, file);
    },
  );

  router.get('/runs/:run_id/archive', ...canRead, validate(runIdSchema), async (req, res) => {
    const run = await service.get(input(req, runIdSchema).params.run_id, req.user!);
    res.json((await runFiles.list(run.runId, 'archive')).map(toRunFile));
  });

  router.get('/runs/:run_id/archive/download', ...canRead, validate(archiveDownloadSchema), async (req, res) => {
    const { params, query } = input(req, archiveDownloadSchema);
    const run = await service.get(params.run_id, req.user!);
    // Only paths recorded in the run's archive are served: nothing else is reachable from here.
    const file = (await runFiles.list(run.runId, 'archive')).find(
      (entry) => entry.path === query.path || entry.outputKey === query.path,
    );
    if (!file) throw new NotFoundError(`Run ${run.runId} archived no file "${query.path}"`);
    await sendStoredFile(req, res, file);
  });

  return router;
}
