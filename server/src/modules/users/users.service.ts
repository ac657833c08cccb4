// User management rules: unique identities, team membership for sales-team users, the last
// active admin is never deactivated or demoted, passwords are bcrypt-hashed here and nowhere else.
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import type { AuditService } from '../audit/audit.service.js';
import type { SalesTeamsRepository } from '../sales-teams/sales-teams.repository.js';
import type { UserChanges, UserRecord, UsersRepository } from './users.repository.js';
import type { ListUsersInput, RegisterUserInput, UpdateUserInput } from './users.schemas.js';

export interface Actor {
  id: number;
  username: string;
  ipAddress?: string | null;
  requestId?: string | null;
}

export interface UsersServiceDeps {
  users: UsersRepository;
  salesTeams: SalesTeamsRepository;
  audit: AuditService;
  bcryptRounds: number;
}

export function createUsersService({ users, salesTeams, audit, bcryptRounds }: UsersServiceDeps) {
  async function assertUnique(email: string | undefined, username: string | undefined, exceptId?: number) {
    const conflicts = await users.findConflicts(email, username, exceptId);
    if (conflicts.some((user) => email !== undefined && user.email === email)) {
      throw new ConflictError('A user with this email already exists');
    }
    if (conflicts.some((user) => username !== undefined && user.username === username)) {
      throw new ConflictError('A user with this username already exists');
    }
  }

  async function assertTeamExists(salesTeamId: number | null | undefined) {
    if (salesTeamId == null) return;
    if (!(await salesTeams.findById(salesTeamId))) {
      throw ValidationError.single(['body', 'sales_team_id'], `sales team ${salesTeamId} does not exist`);
    }
  }

  function auditEntry(actor: Actor, action: string, target: UserRecord, detail: Record<string, unknown>) {
    return audit.record({
      actorId: actor.id,
      actorUsername: actor.username,
      action,
      target: `user:${target.id}:${target.username}`,
      detail,
      ipAddress: actor.ipAddress,
      requestId: actor.requestId,
    });
  }

  return {
    list(filter: ListUsersInput) {
      return users.list({
        role: filter.role,
        salesTeamId: filter.sales_team_id,
        skip: filter.skip,
        limit: filter.limit,
      });
    },

    async register(input: RegisterUserInput, actor: Actor): Promise<UserRecord> {
      await assertUnique(input.email, input.username);
      await assertTeamExists(input.sales_team_id);
      const user = await users.create({
        email: input.email,
        username: input.username,
        hashedPassword: await hashPassword(input.password, bcryptRounds),
        fullName: input.full_name ?? null,
        role: input.role,
        salesTeamId: input.sales_team_id ?? null,
        isActive: true,
      });
      await auditEntry(actor, 'user.create', user, { role: user.role, sales_team_id: user.salesTeamId });
      return user;
    },

    async update(userId: number, input: UpdateUserInput, actor: Actor): Promise<UserRecord> {
      const existing = await users.findById(userId);
      if (!existing) throw new NotFoundError(`User ${userId} not found`);
      await assertUnique(input.email, input.username, userId);
      await assertTeamExists(input.sales_team_id);

      const role = input.role ?? existing.role;
      const salesTeamId = input.sales_team_id !== undefined ? input.sales_team_id : existing.salesTeamId;
      if (role === 'sales_team' && salesTeamId == null) {
        throw ValidationError.single(['body', 'sales_team_id'], 'sales_team_id is required for sales_team users');
      }
      const password = input.password;
      const username = input.username ?? existing.username;
      if (password && password.toLowerCase() === username.toLowerCase()) {
        throw ValidationError.single(['body', 'password'], 'password must not be the username');
      }

      const changes: UserChanges = {
        email: input.email,
        username: input.username,
        fullName: input.full_name,
        role: input.role,
        salesTeamId: input.sales_team_id,
        isActive: input.is_active,
        hashedPassword: password ? await hashPassword(password, bcryptRounds) : undefined,
        passwordChangedAt: password ? new Date() : undefined,
      };
      const losesAdmin =
        existing.role === 'admin' && existing.isActive && (role !== 'admin' || input.is_active === false);
      const updated = await users.update(userId, changes, losesAdmin);
      if (updated === 'last_admin') {
        throw new ConflictError(
          'This is the last active admin: another active admin must exist before it is deactivated or demoted',
        );
      }
      const changed = Object.keys(input).filter((key) => key !== 'password');
      await auditEntry(actor, 'user.update', updated, { changed, password_changed: Boolean(password) });
      return updated;
    },

    async changeOwnPassword(actor: Actor, currentPassword: string, newPassword: string): Promise<UserRecord> {
      const credentials = await users.findCredentials({ id: actor.id });
      if (!credentials || !(await verifyPassword(currentPassword, credentials.hashedPassword))) {
        // 422, not 401: the caller is signed in; only this field is wrong (a 401 would end their session).
        throw ValidationError.single(['body', 'current_password'], 'The current password is incorrect');
      }
      if (newPassword.toLowerCase() === credentials.user.username.toLowerCase()) {
        throw ValidationError.single(['body', 'new_password'], 'password must not be the username');
      }
      const changedAt = new Date();
      await users.update(
        actor.id,
        { hashedPassword: await hashPassword(newPassword, bcryptRounds), passwordChangedAt: changedAt },
        false,
      );
      await auditEntry(actor, 'user.change_password', credentials.user, {});
      return { ...credentials.user, passwordChangedAt: changedAt };
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
