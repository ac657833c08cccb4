// Request pieces shared by every list and every id: ids fit the databases' 32-bit integer columns
// (a larger number is a 422, not a database error), lists are paged with limit ≤ 1000.
import { z } from 'zod';

export const MAX_DATABASE_INT = 2_147_483_647;

/** A record id in a JSON body. */
export const bodyId = z.number().int().positive().max(MAX_DATABASE_INT, 'no record has an id that large');

/** A record id in a path or query string. */
export const queryId = z.coerce.number().int().positive().max(MAX_DATABASE_INT, 'no record has an id that large');

export const paging = {
  skip: z.coerce.number().int().min(0).max(MAX_DATABASE_INT).default(0),
  limit: z.coerce.number().int().min(1).max(1000, 'limit must be at most 1000').default(100),
};
