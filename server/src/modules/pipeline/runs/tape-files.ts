/** The files a run reads from its folder: CSV and XLSX tapes (other files are ignored and logged). */
export const TAPE_EXTENSIONS = ['.csv', '.xlsx'] as const;

export function isTapeFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return TAPE_EXTENSIONS.some((extension) => lower.endsWith(extension));
}
