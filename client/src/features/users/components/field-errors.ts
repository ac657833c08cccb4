import { problemPath, validationProblems } from '../../../lib/api-client';

/** 422 problems keyed by the body field they are about (`email`, `password`, …). */
export function fieldErrors(error: unknown): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const problem of validationProblems(error)) {
    const field = problemPath(problem) || 'form';
    byField[field] = byField[field] ? `${byField[field]}; ${problem.msg}` : problem.msg;
  }
  return byField;
}
