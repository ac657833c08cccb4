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
  isActive: boolean;
  createdAt: Date;
}

export const publicUserSelect = {
  id: true,
  email: true,
  username: true,
  fullName: true,
  role: true,
  salesTeamId: true,
  isActive: true,
  createdAt: true,
} as const;

export interface NewUser {
  email: string;
  username: string;
  hashedPassword: string;
  fullName?: string | null;
  role: Role;
  salesTeamId?: number | null;
  isActive?: boolean;
}

export function usersRepository(prisma: DbClient) {
  return {
    async findByUsername(username: string): Promise<UserRecord | null> {
      return (await prisma.user.findUnique({ where: { username }, select: publicUserSelect })) as UserRecord | null;
    },
    async create(user: NewUser): Promise<UserRecord> {
      return (await prisma.user.create({ data: user, select: publicUserSelect })) as UserRecord;
    },
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
