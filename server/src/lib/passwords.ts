import bcrypt from 'bcrypt';

/** bcrypt cost: 12 in general use; tests may lower it, never below 10. */
export function bcryptRounds(environment: string): number {
  return environment === 'test' ? 10 : 12;
}

export function hashPassword(plain: string, rounds: number): Promise<string> {
  return bcrypt.hash(plain, Math.max(10, rounds));
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}
