import { z } from 'zod';
import { bodyId, paging, queryId } from '../../lib/http/common-schemas.js';
import { registry } from '../../lib/openapi.js';
import { ROLES } from './users.repository.js';

export const MIN_PASSWORD_LENGTH = 10;
/** bcrypt only uses the first 72 bytes of a password. */
const MAX_PASSWORD_BYTES = 72;

export const roleSchema = z.enum(ROLES, { message: `role must be one of ${ROLES.join(', ')}` });

export const usernameSchema = z
  .string()
  .trim()
  .min(3, 'username must be at least 3 characters')
  .max(50, 'username must be at most 50 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'username may contain letters, digits, ".", "_" and "-", and must start with a letter or digit',
  );

export const emailSchema = z
  .email({ message: 'email is not a valid address' })
  .max(255)
  .transform((value) => value.toLowerCase());

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .refine((value) => Buffer.byteLength(value, 'utf8') <= MAX_PASSWORD_BYTES, {
    message: `password must be at most ${MAX_PASSWORD_BYTES} bytes`,
  });

const passwordNotUsername = (data: { username?: string; password?: string }) =>
  !data.password || !data.username || data.password.toLowerCase() !== data.username.toLowerCase();

const fullNameSchema = z.string().trim().max(255).nullable();
const salesTeamIdSchema = bodyId.nullable();

export const userResponseSchema = registry.register(
  'UserResponse',
  z.object({
    id: z.number().int(),
    email: z.string(),
    username: z.string(),
    full_name: z.string().nullable(),
    role: roleSchema,
    sales_team_id: z.number().int().nullable(),
    sales_team_name: z.string().nullable(),
    is_active: z.boolean(),
    created_at: z.string(),
  }),
);

export const registerUserBody = z
  .object({
    email: emailSchema,
    username: usernameSchema,
    password: passwordSchema,
    full_name: fullNameSchema.optional(),
    role: roleSchema.default('analyst'),
    sales_team_id: salesTeamIdSchema.optional(),
  })
  .refine(passwordNotUsername, { message: 'password must not be the username', path: ['password'] })
  .refine((data) => data.role !== 'sales_team' || data.sales_team_id != null, {
    message: 'sales_team_id is required for sales_team users',
    path: ['sales_team_id'],
  })
  .openapi('UserCreate');

export const registerUserSchema = z.object({ body: registerUserBody });

export const updateUserBody = z
  .object({
    email: emailSchema.optional(),
    username: usernameSchema.optional(),
    password: passwordSchema.optional(),
    full_name: fullNameSchema.optional(),
    role: roleSchema.optional(),
    sales_team_id: salesTeamIdSchema.optional(),
    is_active: z.boolean().optional(),
  })
  .strict()
  .refine(passwordNotUsername, { message: 'password must not be the username', path: ['password'] })
  .openapi('UserUpdate');

export const updateUserSchema = z.object({
  params: z.object({ user_id: queryId }),
  body: updateUserBody,
});

export const listUsersQuery = z.object({
  ...paging,
  role: roleSchema.optional(),
  sales_team_id: queryId.optional(),
});

export const listUsersSchema = z.object({ query: listUsersQuery });

export const changePasswordBody = z
  .object({ current_password: z.string().min(1, 'current_password is required'), new_password: passwordSchema })
  .refine((data) => data.current_password !== data.new_password, {
    message: 'new_password must differ from the current password',
    path: ['new_password'],
  })
  .openapi('PasswordChange');

export const changePasswordSchema = z.object({ body: changePasswordBody });

export type RegisterUserInput = z.output<typeof registerUserBody>;
export type UpdateUserInput = z.output<typeof updateUserBody>;
export type ListUsersInput = z.output<typeof listUsersQuery>;
