// A real S3-compatible server for tests: s3rver on 127.0.0.1, a random port, a throwaway directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll } from 'vitest';

export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface S3TestServer {
  endpoint: string;
  bucket: string;
  region: string;
  close(): Promise<void>;
}

export async function startS3TestServer(bucket = 'loan-engine-test'): Promise<S3TestServer> {
  const directory = mkdtempSync(join(tmpdir(), 'le-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: 'us-east-1',
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * Starts s3rver for the suite and fills `env` (before later beforeAll hooks run, e.g. useTestApp's)
 * with the variables that point the app at it. Call it before useTestApp and pass it the same object.
 */
export function useS3TestServer(env: Record<string, string> = {}): Record<string, string> {
  let server: S3TestServer | undefined;
  beforeAll(async () => {
    server = await startS3TestServer();
    Object.assign(env, {
      STORAGE_TYPE: 's3',
      S3_ENDPOINT: server.endpoint,
      S3_BUCKET_NAME: server.bucket,
      S3_REGION: server.region,
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    });
  });
  afterAll(async () => {
    await server?.close();
  });
  return env;
}
