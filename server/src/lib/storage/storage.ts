// Chooses the storage adapter once, from STORAGE_TYPE; everything else sees only StorageBackend.
import type { AppConfig } from '../config.js';
import { LocalStorage } from './local-storage.js';
import { S3Storage } from './s3-storage.js';
import type { StorageBackend } from './storage.types.js';

export function createStorage(config: Pick<AppConfig, 'storage' | 'auth'>): StorageBackend {
  const { storage } = config;
  if (storage.type === 's3') {
    return new S3Storage({
      bucket: storage.s3.bucket,
      region: storage.s3.region,
      endpoint: storage.s3.endpoint,
      accessKeyId: storage.s3.accessKeyId,
      secretAccessKey: storage.s3.secretAccessKey,
    });
  }
  return new LocalStorage(storage.localPath, config.auth.secretKey);
}
