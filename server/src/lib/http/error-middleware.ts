import type { ErrorRequestHandler, RequestHandler } from 'express';
import type {} from 'pino-http';
import type { Logger } from '../logger.js';
import { AppError, NotFoundError, PayloadTooLargeError, ValidationError } from '../errors.js';
import { knownPrismaErrorCode } from '../db.js';

interface ErrorBody {
  status: number;
  body: { detail: unknown };
  headers?: Record<string, string>;
}

/** Maps anything thrown to the API's error shape. Unknown errors never leak their text. */
export function toErrorResponse(error: unknown): ErrorBody {
  if (error instanceof ValidationError) return { status: 422, body: { detail: error.issues } };
  if (error instanceof AppError)
    return { status: error.status, body: { detail: error.message }, headers: error.options.headers };
  const prismaCode = knownPrismaErrorCode(error);
  if (prismaCode) {
    if (prismaCode === 'P2002')
      return { status: 409, body: { detail: 'A record with the same unique value already exists' } };
    if (prismaCode === 'P2025') return { status: 404, body: { detail: 'Not found' } };
    if (prismaCode === 'P2034')
      return { status: 409, body: { detail: 'A concurrent change conflicted with this one; try again' } };
    if (prismaCode === 'P2003')
      return { status: 409, body: { detail: 'A related record does not exist or is still in use' } };
  }
  const bodyParser = error as { type?: string; status?: number; expose?: boolean };
  if (bodyParser.type === 'entity.parse.failed') {
    // FastAPI's contract: a body that is not JSON is a 422 validation error of type json_invalid.
    return {
      status: 422,
      body: { detail: [{ loc: ['body'], msg: 'Request body is not valid JSON', type: 'json_invalid' }] },
    };
  }
  if (bodyParser.type === 'entity.too.large')
    return toErrorResponse(new PayloadTooLargeError('Request body is too large'));
  if (
    typeof bodyParser.status === 'number' &&
    bodyParser.status >= 400 &&
    bodyParser.status < 500 &&
    bodyParser.expose
  ) {
    return { status: bodyParser.status, body: { detail: (error as Error).message } };
  }
  return { status: 500, body: { detail: 'Internal server error' } };
}

export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const response = toErrorResponse(error);
    const log = (req as { log?: Logger }).log ?? logger;
    if (response.status >= 500) {
      log.error({ err: error, requestId: req.id }, 'request failed');
    } else if (error instanceof AppError && error.options.internal) {
      log.warn({ requestId: req.id, internal: error.options.internal }, error.message);
    }
    if (response.headers) res.set(response.headers);
    res.status(response.status).json(response.body);
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`No route for ${req.method} ${req.path}`));
};
