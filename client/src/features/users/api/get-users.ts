import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiClient, cleanParams, toPage } from '../../../lib/api-client';
import type { Page, Role, User } from '../../../types/api';

export interface UsersQuery {
  skip: number;
  limit: number;
  role?: Role | '';
  sales_team_id?: number | '';
}

export async function getUsers(query: UsersQuery): Promise<Page<User>> {
  return toPage(await apiClient.get<User[]>('/api/auth/users', { params: cleanParams(query) }));
}

export function useUsers(query: UsersQuery) {
  return useQuery({ queryKey: ['users', query], queryFn: () => getUsers(query), placeholderData: keepPreviousData });
}
