import { useState } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { Loading } from '../../../components/ui/loading';
import { formatBytes } from '../../../lib/format';
import { downloadRunOutput } from '../api/download-run-output';
import { useRunOutputs } from '../api/get-run-outputs';

export function RunOutputs({ runId }: { runId: string }) {
  const outputs = useRunOutputs(runId, true);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  return (
    <section className="panel" aria-labelledby="outputs-title">
      <h2 id="outputs-title">Outputs</h2>
      {downloadError != null && <ErrorAlert error={downloadError} title="Download failed" />}
      {outputs.isPending ? (
        <Loading label="Loading outputs…" />
      ) : outputs.isError ? (
        <ErrorAlert error={outputs.error} title="Could not load outputs" />
      ) : outputs.data.length === 0 ? (
        <p className="muted">This run produced no output files.</p>
      ) : (
        <ul className="file-list" aria-label="Output files">
          {outputs.data.map((file) => (
            <li key={file.output_key}>
              <span className="mono">{file.file_name}</span>
              <span className="muted">{formatBytes(file.size)}</span>
              <button
                type="button"
                className="button-secondary"
                disabled={busy === file.output_key}
                aria-label={`Download ${file.file_name}`}
                onClick={async () => {
                  setBusy(file.output_key);
                  setDownloadError(null);
                  try {
                    await downloadRunOutput(runId, file);
                  } catch (error) {
                    setDownloadError(error);
                  } finally {
                    setBusy(null);
                  }
                }}
              >
                {busy === file.output_key ? 'Downloading…' : 'Download'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
