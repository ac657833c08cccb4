import { apiClient } from '../lib/api-client';
import type { User } from '../types/api';

export interface LoginResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  user: User;
}

export async function login(credentials: { username: string; password: string }): Promise<LoginResponse> {
  const response = await apiClient.post<LoginResponse>('/api/auth/login', credentials);
  return response.data;
}
