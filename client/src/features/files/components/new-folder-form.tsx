import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import type { FileArea } from '../../../types/api';
import { useCreateFolder } from '../api/create-folder';
import { joinStoragePath } from '../api/file-paths';

export function NewFolderForm({ area, path }: { area: FileArea; path: string }) {
  const createFolder = useCreateFolder();
  const [name, setName] = useState('');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    createFolder.mutate({ area, path: joinStoragePath(path, trimmed) }, { onSuccess: () => setName('') });
  }

  return (
    <form className="inline-form" onSubmit={submit} aria-label="New folder">
      <label className="inline-field">
        New folder name
        <input value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. 2026-12-04" />
      </label>
      <button type="submit" disabled={createFolder.isPending || !name.trim()}>
        Create folder
      </button>
      {createFolder.isError && <ErrorAlert error={createFolder.error} title="Could not create the folder" />}
    </form>
  );
}
