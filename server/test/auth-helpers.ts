// Users and tokens for integration tests, created through the real repositories and token service.
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../src/lib/passwords.js';
import { createTokenService } from '../src/modules/auth/tokens.js';
import { salesTeamsRepository } from '../src/modules/sales-teams/sales-teams.repository.js';
import { usersRepository, type Role, type UserRecord } from '../src/modules/users/users.repository.js';
import type { TestApp } from './test-app.js';

export const TEST_PASSWORD = 'correct-horse-battery';

export interface TestUser {
  user: UserRecord;
  token: string;
  password: string;
  auth: { Authorization: string };
}

export async function createUserAndToken(
  testApp: TestApp,
  options: { role: Role; salesTeamName?: string; username?: string; password?: string; isActive?: boolean },
): Promise<TestUser> {
  const prisma = testApp.db.prisma;
  const password = options.password ?? TEST_PASSWORD;
  const username = options.username ?? `${options.role}-${randomBytes(4).toString('hex')}`;
  let salesTeamId: number | null = null;
  if (options.role === 'sales_team' || options.salesTeamName) {
    salesTeamId = (await salesTeamsRepository(prisma).ensure(options.salesTeamName ?? 'Team Alpha')).team.id;
  }
  const user = await usersRepository(prisma).create({
    email: `${username}@example.test`,
    username,
    hashedPassword: await hashPassword(password, 10),
    role: options.role,
    salesTeamId,
    isActive: options.isActive ?? true,
  });
  const token = createTokenService(testApp.config.auth, testApp.config.appName).issue(user.id, 0).token;
  return { user, token, password, auth: { Authorization: `Bearer ${token}` } };
}
