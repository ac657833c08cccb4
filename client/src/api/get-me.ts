import { apiClient } from '../lib/api-client';
import type { User } from '../types/api';

export async function getMe(): Promise<User> {
  const response = await apiClient.get<User>('/api/auth/me');
  return response.data;
}
