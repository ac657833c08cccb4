// The only code that reads or writes the users table. The password hash is selected only by
// `findCredentials`, and never returned by anything else.
import type { DbClient } from '../../lib/db.js';

export const ROLES = ['admin', 'analyst', 'sales_team'] as const;
export type Role = (typeof ROLES)[number];

export interface UserRecord {
  id: number;
  email: string;
  username: string;
  fullName: string | null;
  role: Role;
  salesTeamId: number | null;
  salesTeamName: string | null;
  isActive: boolean;
  createdAt: Date;
  /** Tokens issued before this are no longer accepted. */
  passwordChangedAt: Date | null;
}

const publicUserSelect = {
  id: true,
  email: true,
  username: true,
  fullName: true,
  role: true,
  salesTeamId: true,
  isActive: true,
  createdAt: true,
  passwordChangedAt: true,
  salesTeam: { select: { name: true } },
} as const;

type SelectedUser = {
  id: number;
  email: string;
  username: string;
  fullName: string | null;
  role: string;
  salesTeamId: number | null;
  isActive: boolean;
  createdAt: Date;
  passwordChangedAt: Date | null;
  salesTeam: { name: string } | null;
};

function toRecord({ salesTeam, ...user }: SelectedUser): UserRecord {
  return { ...user, role: user.role as Role, salesTeamName: salesTeam?.name ?? null };
}

export interface NewUser {
  email: string;
  username: string;
  hashedPassword: string;
  fullName?: string | null;
  role: Role;
  salesTeamId?: number | null;
  isActive?: boolean;
}

export type UserChanges = Partial<Omit<NewUser, 'hashedPassword'>> & {
  hashedPassword?: string;
  passwordChangedAt?: Date;
};

export interface UserFilter {
  role?: Role;
  salesTeamId?: number;
  skip: number;
  limit: number;
}

export function usersRepository(prisma: DbClient) {
  return {
    async findById(id: number): Promise<UserRecord | null> {
      const user = await prisma.user.findUnique({ where: { id }, select: publicUserSelect });
      return user ? toRecord(user) : null;
    },
    async findByUsername(username: string): Promise<UserRecord | null> {
      const user = await prisma.user.findUnique({ where: { username }, select: publicUserSelect });
      return user ? toRecord(user) : null;
    },
    /** The one read of a password hash: for verifying a login or a password change. */
    async findCredentials(
      where: { username: string } | { id: number },
    ): Promise<{ user: UserRecord; hashedPassword: string } | null> {
      const row = await prisma.user.findUnique({ where, select: { ...publicUserSelect, hashedPassword: true } });
      if (!row) return null;
      const { hashedPassword, ...user } = row;
      return { user: toRecord(user), hashedPassword };
    },
    async findConflicts(email: string | undefined, username: string | undefined, exceptId?: number) {
      const or = [...(email ? [{ email }] : []), ...(username ? [{ username }] : [])];
      if (!or.length) return [];
      return prisma.user.findMany({
        where: { OR: or, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
        select: { email: true, username: true },
      });
    },
    async list(filter: UserFilter): Promise<{ items: UserRecord[]; total: number }> {
      const where = { role: filter.role, salesTeamId: filter.salesTeamId };
      const [rows, total] = await Promise.all([
        prisma.user.findMany({
          where,
          select: publicUserSelect,
          orderBy: { id: 'asc' },
          skip: filter.skip,
          take: filter.limit,
        }),
        prisma.user.count({ where }),
      ]);
      return { items: rows.map(toRecord), total };
    },
    async create(user: NewUser): Promise<UserRecord> {
      return toRecord(await prisma.user.create({ data: user, select: publicUserSelect }));
    },
    /**
     * Applies changes; when `keepAnActiveAdmin` is set, refuses (returns 'last_admin') inside the
     * same transaction if no other active admin would remain.
     */
    async update(id: number, changes: UserChanges, keepAnActiveAdmin: boolean): Promise<UserRecord | 'last_admin'> {
      return prisma.$transaction(
        async (tx) => {
          if (keepAnActiveAdmin) {
            const others = await tx.user.count({ where: { role: 'admin', isActive: true, NOT: { id } } });
            if (others === 0) return 'last_admin' as const;
          }
          return toRecord(await tx.user.update({ where: { id }, data: changes, select: publicUserSelect }));
          // Serializable: two admins demoting each other at once cannot both see "another admin remains".
        },
        { isolationLevel: 'Serializable' },
      );
    },
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
