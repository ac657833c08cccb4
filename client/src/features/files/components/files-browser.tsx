import { useState } from 'react';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { Loading } from '../../../components/ui/loading';
import { useUser } from '../../../lib/auth';
import { canWriteArea, fileAreasFor } from '../../../lib/authorization';
import { formatBytes, formatDateTime } from '../../../lib/format';
import type { FileArea, FileEntry } from '../../../types/api';
import { useDeleteFile } from '../api/delete-file';
import { downloadStoredFile } from '../api/download-stored-file';
import { useFiles } from '../api/list-files';
import { NewFolderForm } from './new-folder-form';
import { UploadZone } from './upload-zone';

const AREA_LABELS: Record<FileArea, string> = { inputs: 'Inputs', outputs: 'Outputs', output_share: 'Output share' };

export function FilesBrowser() {
  const user = useUser();
  const areas = fileAreasFor(user);
  const [area, setArea] = useState<FileArea>(areas[0]!);
  const [path, setPath] = useState('');
  const writable = canWriteArea(user, area);
  const listing = useFiles(area, path);
  const crumbs = path ? path.split('/') : [];

  return (
    <>
      <div className="tabs" role="group" aria-label="Storage area">
        {areas.map((value) => (
          <button
            key={value}
            type="button"
            className={value === area ? 'tab active' : 'tab'}
            aria-pressed={value === area}
            onClick={() => {
              setArea(value);
              setPath('');
            }}
          >
            {AREA_LABELS[value]}
          </button>
        ))}
      </div>
      <section className="panel" aria-label="Folder contents">
        <nav aria-label="Folder path" className="breadcrumbs">
          <button type="button" className="link-button" onClick={() => setPath('')}>
            {AREA_LABELS[area]}
          </button>
          {crumbs.map((crumb, index) => (
            <span key={crumbs.slice(0, index + 1).join('/')}>
              {' / '}
              <button
                type="button"
                className="link-button"
                onClick={() => setPath(crumbs.slice(0, index + 1).join('/'))}
              >
                {crumb}
              </button>
            </span>
          ))}
        </nav>
        {writable ? (
          <div className="files-tools">
            <NewFolderForm area={area} path={path} />
            <UploadZone area={area} path={path} />
          </div>
        ) : (
          <p className="muted small">This area is read-only for you: browse and download.</p>
        )}
        {listing.isPending ? (
          <Loading label="Loading files…" />
        ) : listing.isError ? (
          <ErrorAlert error={listing.error} title="Could not list this folder" />
        ) : listing.data.files.length === 0 ? (
          <EmptyState title="This folder is empty.">
            {writable ? 'Drop a loan tape above, or create a folder.' : null}
          </EmptyState>
        ) : (
          <FileTable
            entries={listing.data.files}
            area={area}
            writable={writable}
            onOpenFolder={(entry) => setPath(entry.path)}
          />
        )}
      </section>
    </>
  );
}

interface FileTableProps {
  entries: FileEntry[];
  area: FileArea;
  writable: boolean;
  onOpenFolder(entry: FileEntry): void;
}

function FileTable({ entries, area, writable, onOpenFolder }: FileTableProps) {
  const deleteFile = useDeleteFile();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const sorted = [...entries].sort((a, b) => Number(b.is_dir) - Number(a.is_dir) || a.name.localeCompare(b.name));

  async function download(entry: FileEntry) {
    setActionError(null);
    try {
      await downloadStoredFile(area, entry);
    } catch (error) {
      setActionError(error);
    }
  }

  return (
    <>
      {actionError != null && <ErrorAlert error={actionError} title="Download failed" />}
      {deleteFile.isError && <ErrorAlert error={deleteFile.error} title="Could not delete" />}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">Modified</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((entry) => (
              <tr key={entry.path}>
                <td>
                  {entry.is_dir ? (
                    <button type="button" className="link-button folder" onClick={() => onOpenFolder(entry)}>
                      <svg className="folder-icon" viewBox="0 0 16 16" aria-hidden="true">
                        <path d="M1 3.5A1.5 1.5 0 0 1 2.5 2h3.6l1.5 1.5h5.9A1.5 1.5 0 0 1 15 5v7.5a1.5 1.5 0 0 1-1.5 1.5h-11A1.5 1.5 0 0 1 1 12.5z" />
                      </svg>
                      {entry.name}
                    </button>
                  ) : (
                    <span className="mono">{entry.name}</span>
                  )}
                </td>
                <td className="num">{entry.is_dir ? '—' : formatBytes(entry.size)}</td>
                <td>{formatDateTime(entry.modified)}</td>
                <td className="actions">
                  {confirming === entry.path ? (
                    <span className="confirm" role="group" aria-label={`Confirm deleting ${entry.name}`}>
                      Delete {entry.name}?{' '}
                      <button
                        type="button"
                        className="button-danger"
                        onClick={() =>
                          deleteFile.mutate({ area, path: entry.path }, { onSettled: () => setConfirming(null) })
                        }
                      >
                        Yes, delete
                      </button>
                      <button type="button" className="button-secondary" onClick={() => setConfirming(null)}>
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <>
                      {!entry.is_dir && (
                        <button
                          type="button"
                          className="button-secondary"
                          aria-label={`Download ${entry.name}`}
                          onClick={() => download(entry)}
                        >
                          Download
                        </button>
                      )}
                      {writable && (
                        <button
                          type="button"
                          className="button-secondary"
                          aria-label={`Delete ${entry.name}`}
                          onClick={() => {
                            deleteFile.reset();
                            setConfirming(entry.path);
                          }}
                        >
                          Delete
                        </button>
                      )}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
