// The one permission map. It mirrors the roles table of the product spec; routes ask for a
// permission (`authorize('runs:create')`), never for a role.
import type { Role } from '../users/users.repository.js';

export const PERMISSIONS = {
  'users:manage': ['admin'],
  'rulebook:read': ['admin', 'analyst', 'sales_team'],
  'rulebook:edit': ['admin'],
  'config:read': ['admin', 'analyst', 'sales_team'],
  'sales-teams:read': ['admin', 'analyst', 'sales_team'],
  'runs:create': ['admin', 'analyst'],
  /** Every role may read runs; sales-team users are further limited to their own team's runs. */
  'runs:read': ['admin', 'analyst', 'sales_team'],
  'files:inputs:read': ['admin', 'analyst'],
  'files:inputs:write': ['admin', 'analyst'],
  'files:outputs:read': ['admin', 'analyst'],
  /** Sales-team users only within output_share/<their team>/ (enforced by the files service). */
  'files:output_share:read': ['admin', 'analyst', 'sales_team'],
  'files:output_share:write': ['admin', 'analyst'],
  'audit:read': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleHas(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Runs and shared outputs are scoped to a team for sales-team users, unscoped for everyone else. */
export function teamScope(user: { role: Role; salesTeamId: number | null }): number | null | 'all' {
  return user.role === 'sales_team' ? user.salesTeamId : 'all';
}
