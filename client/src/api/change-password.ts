import { apiClient } from '../lib/api-client';

export interface PasswordChanged {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
}

/** Changes the signed-in user's password; every earlier token stops working, so a fresh one comes back. */
export async function changePassword(body: {
  current_password: string;
  new_password: string;
}): Promise<PasswordChanged> {
  const response = await apiClient.post<PasswordChanged>('/api/auth/change-password', body);
  return response.data;
}
