export const DEFAULT_PG_ADMIN_URL: string;
export function createThrowawayDatabase(
  adminUrl: string,
  prefix: string,
  options?: { template?: string },
): Promise<{ name: string; url: string; drop(): Promise<void> }>;
