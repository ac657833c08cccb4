// One OpenAPI registry: every module registers its routes (with their zod schemas and security)
// next to the route declarations, and /openapi.json is generated from it.
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export const registry = new OpenAPIRegistry();

export const bearerAuth = registry.registerComponent('securitySchemes', 'OAuth2PasswordBearer', {
  type: 'oauth2',
  flows: { password: { tokenUrl: '/api/auth/login', scopes: {} } },
  description: 'Log in with a username and password; the API answers a bearer token (JWT).',
});

export const errorSchema = registry.register(
  'HTTPError',
  z.object({ detail: z.string() }).openapi({ example: { detail: 'Not found' } }),
);

export const validationErrorSchema = registry.register(
  'HTTPValidationError',
  z.object({
    detail: z.array(z.object({ loc: z.array(z.union([z.string(), z.number()])), msg: z.string(), type: z.string() })),
  }),
);

const jsonError = (description: string, schema: z.ZodType = errorSchema) => ({
  description,
  content: { 'application/json': { schema } },
});

/** Standard error responses, so every route documents its failure modes the same way. */
export const errorResponses = {
  400: jsonError('Bad request'),
  401: jsonError('Not signed in, or the token is invalid or expired'),
  403: jsonError('Signed in, but not allowed'),
  404: jsonError('Not found'),
  409: jsonError('Conflicts with existing data'),
  413: jsonError('Upload too large'),
  422: jsonError('Validation error', validationErrorSchema),
  429: jsonError('Too many requests'),
  503: jsonError('Service unavailable'),
} as const;

export function pickErrors(...codes: (keyof typeof errorResponses)[]) {
  return Object.fromEntries(codes.map((code) => [code, errorResponses[code]]));
}

let cachedDocument: object | undefined;

export function openApiDocument(): object {
  cachedDocument ??= new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Loan Engine API',
      version: '1.0.0',
      description: 'API for processing loans for structured finance products',
    },
    servers: [{ url: '/' }],
  });
  return cachedDocument;
}
