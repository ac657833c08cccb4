import type { UserRecord } from './users.repository.js';

/** The API's user shape (the seed's snake_case UserResponse). Never carries a password hash. */
export function toUserResponse(user: UserRecord) {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    full_name: user.fullName,
    role: user.role,
    sales_team_id: user.salesTeamId,
    sales_team_name: user.salesTeamName,
    is_active: user.isActive,
    created_at: user.createdAt.toISOString(),
  };
}

export type UserResponse = ReturnType<typeof toUserResponse>;
