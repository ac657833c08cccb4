import { z } from 'zod';
import { userResponseSchema } from '../users/users.schemas.js';

/** OAuth2 password form (what Swagger's "Authorize" sends) or JSON: the same two fields. */
export const loginBody = z
  .object({
    username: z.string().trim().min(1, 'username is required').max(100),
    password: z.string().min(1, 'password is required').max(1024),
    grant_type: z.string().optional(),
  })
  .openapi('LoginRequest');

export const loginSchema = z.object({ body: loginBody });

export const tokenResponseSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal('bearer'),
    expires_in: z.number().int(),
    user: userResponseSchema,
  })
  .openapi('Token');
