import type {} from 'passport';
import type { Role } from '../users/users.repository.js';

/** The signed-in user, re-read from the database on every request. */
export interface AuthUser {
  id: number;
  username: string;
  email: string;
  role: Role;
  salesTeamId: number | null;
  /** The sales team's name (sales-team users' shared-output folder), when the user has a team. */
  salesTeamName: string | null;
}

// passport types `req.user` as Express.User; make that our AuthUser.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends AuthUser {}
  }
}
