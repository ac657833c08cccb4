import type { DbClient } from '../../../lib/db.js';

export type RunFileKind = 'output' | 'archive';

export interface RunFileRecord {
  kind: string;
  outputKey: string;
  fileName: string;
  area: string;
  path: string;
  size: number;
  sha256: string | null;
  contentType: string;
  createdAt: Date;
}

const fileSelect = {
  kind: true,
  outputKey: true,
  fileName: true,
  area: true,
  path: true,
  size: true,
  sha256: true,
  contentType: true,
  createdAt: true,
} as const;

type Row = Omit<RunFileRecord, 'size'> & { size: bigint };
const toRecord = (row: Row): RunFileRecord => ({ ...row, size: Number(row.size) });

export function runFilesRepository(prisma: DbClient) {
  return {
    async add(runId: string, file: Omit<RunFileRecord, 'createdAt'>): Promise<void> {
      await prisma.runFile.create({ data: { ...file, size: BigInt(file.size), runId } });
    },
    async list(runId: string, kind: RunFileKind): Promise<RunFileRecord[]> {
      const rows = await prisma.runFile.findMany({
        where: { runId, kind },
        select: fileSelect,
        orderBy: { id: 'asc' },
      });
      return rows.map(toRecord);
    },
    async find(runId: string, kind: RunFileKind, outputKey: string): Promise<RunFileRecord | null> {
      const row = await prisma.runFile.findFirst({ where: { runId, kind, outputKey }, select: fileSelect });
      return row ? toRecord(row) : null;
    },
  };
}

export type RunFilesRepository = ReturnType<typeof runFilesRepository>;
