// zod at the edge: one middleware validates body, query and params against a request schema and
// keeps the parsed (typed, defaulted) values for the handler. Failures become 422 in the API's
// FastAPI-compatible shape.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors.js';

export type RequestSchema = z.ZodType<{ body?: unknown; query?: unknown; params?: unknown }>;

declare module 'express-serve-static-core' {
  interface Request {
    validated?: unknown;
  }
}

export function zodIssuesToValidation(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    loc: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
    msg: issue.message,
    type: issue.code,
  }));
}

export function validate(schema: RequestSchema): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const result = schema.safeParse({ body: req.body ?? {}, query: req.query, params: req.params });
    if (!result.success) return next(new ValidationError(zodIssuesToValidation(result.error)));
    req.validated = result.data;
    next();
  };
}

/** The values `validate(schema)` parsed for this request, typed by the same schema. */
export function input<S extends RequestSchema>(req: Request, _schema: S): z.output<S> {
  if (req.validated === undefined) throw new Error('input() used on a route without validate()');
  return req.validated as z.output<S>;
}
