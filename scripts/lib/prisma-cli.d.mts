export function runPrisma(
  args: string[],
  options?: { databaseUrl?: string; capture?: boolean; allowExitCodes?: number[] },
): { status: number | null; stdout: string; stderr: string };
