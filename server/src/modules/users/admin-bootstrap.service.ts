import { DEFAULT_ADMIN_PASSWORD, type AppConfig } from '../../lib/config.js';
import { AppError } from '../../lib/errors.js';
import { bcryptRounds, hashPassword } from '../../lib/passwords.js';
import type { UsersRepository } from './users.repository.js';

export const ADMIN_USERNAME = 'admin';

export type EnsureAdminResult = { status: 'exists' } | { status: 'created'; usedDefaultPassword: boolean };

/**
 * Creates the `admin` user once. Its password comes from ADMIN_PASSWORD; development and test
 * fall back to the well-known default (the caller prints a warning), production refuses to.
 */
export async function ensureAdmin(
  users: UsersRepository,
  config: Pick<AppConfig, 'environment' | 'adminPassword'>,
): Promise<EnsureAdminResult> {
  if (await users.findByUsername(ADMIN_USERNAME)) return { status: 'exists' };
  const password = config.adminPassword ?? (config.environment === 'production' ? undefined : DEFAULT_ADMIN_PASSWORD);
  if (!password || (config.environment === 'production' && password === DEFAULT_ADMIN_PASSWORD)) {
    throw new AppError(
      500,
      'admin_password_required',
      'Refusing to create the admin user with a default password in production: set ADMIN_PASSWORD',
    );
  }
  try {
    await users.create({
      email: 'admin@loanengine.local',
      username: ADMIN_USERNAME,
      hashedPassword: await hashPassword(password, bcryptRounds(config.environment)),
      fullName: 'System Administrator',
      role: 'admin',
      isActive: true,
    });
  } catch (error) {
    // Another process created it between our check and insert: that is the idempotent outcome.
    if (await users.findByUsername(ADMIN_USERNAME)) return { status: 'exists' };
    throw error;
  }
  return { status: 'created', usedDefaultPassword: password === DEFAULT_ADMIN_PASSWORD };
}
