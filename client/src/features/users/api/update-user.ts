import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { Role, User } from '../../../types/api';

export interface UpdateUserInput {
  role?: Role;
  sales_team_id?: number | null;
  is_active?: boolean;
  password?: string;
}

export async function updateUser({ id, changes }: { id: number; changes: UpdateUserInput }): Promise<User> {
  const response = await apiClient.put<User>(`/api/auth/users/${id}`, changes);
  return response.data;
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
