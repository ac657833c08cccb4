import type { FileArea, User } from '../types/api';

// What each role may do in the app (mirrors the API's roles table; the API enforces it).
export const canManageUsers = (user: User) => user.role === 'admin';
export const canEditRulebook = (user: User) => user.role === 'admin';
export const canStartRun = (user: User) => user.role !== 'sales_team';

export function fileAreasFor(user: User): FileArea[] {
  return user.role === 'sales_team' ? ['output_share'] : ['inputs', 'outputs', 'output_share'];
}

/** Only `inputs` takes uploads, new folders and deletes, and only for admins and analysts. */
export const canWriteArea = (user: User, area: FileArea) => area === 'inputs' && user.role !== 'sales_team';
