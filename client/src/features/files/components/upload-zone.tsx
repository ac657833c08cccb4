import { useId, useRef, useState, type DragEvent } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { ProgressBar } from '../../../components/ui/progress-bar';
import type { FileArea } from '../../../types/api';
import { useUploadFile } from '../api/upload-file';

interface UploadItem {
  id: number;
  name: string;
  percent: number;
  status: 'uploading' | 'done' | 'error';
  error?: string;
}

/** Drop files here (or choose them); each uploads in turn with its own progress bar. */
export function UploadZone({ area, path }: { area: FileArea; path: string }) {
  const upload = useUploadFile();
  const inputId = useId();
  const nextId = useRef(0);
  const [items, setItems] = useState<UploadItem[]>([]);
  const [dragging, setDragging] = useState(false);

  const update = (id: number, change: Partial<UploadItem>) =>
    setItems((current) => current.map((item) => (item.id === id ? { ...item, ...change } : item)));

  async function uploadAll(files: File[]) {
    const queued = files.map((file) => ({ file, id: nextId.current++ }));
    setItems((current) => [
      ...queued.map(({ file, id }) => ({ id, name: file.name, percent: 0, status: 'uploading' as const })),
      ...current.filter((item) => item.status === 'uploading'),
    ]);
    for (const { file, id } of queued) {
      try {
        await upload.mutateAsync({ area, path, file, onProgress: (percent) => update(id, { percent }) });
        update(id, { percent: 100, status: 'done' });
      } catch (error) {
        update(id, { status: 'error', error: errorMessage(error) });
      }
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) void uploadAll(files);
  }

  return (
    <div className="upload">
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="drop-zone"
      >
        <p>
          Drag and drop files here, or{' '}
          <label htmlFor={inputId} className="link-label">
            choose files to upload
          </label>
        </p>
        <p className="muted small">They go into {path ? `inputs/${path}` : 'the inputs root'}.</p>
        <input
          id={inputId}
          type="file"
          multiple
          className="visually-hidden"
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            event.target.value = '';
            if (files.length > 0) void uploadAll(files);
          }}
        />
      </div>
      {items.length > 0 && (
        <ul className="upload-list" aria-label="Uploads">
          {items.map((item) => (
            <li key={item.id}>
              <span className="mono">{item.name}</span>
              {item.status === 'error' ? (
                <span role="alert" className="error-text">
                  Upload failed: {item.error}
                </span>
              ) : (
                <>
                  <ProgressBar percent={item.percent} label={`Uploading ${item.name}`} />
                  {item.status === 'done' && <span className="ok-text">Uploaded</span>}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
