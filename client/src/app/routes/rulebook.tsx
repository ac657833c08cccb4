import { useState } from 'react';
import { ErrorAlert } from '../../components/ui/error-alert';
import { Loading } from '../../components/ui/loading';
import { useRulebook } from '../../features/rulebook/api/get-rulebook';
import { RulebookEditor } from '../../features/rulebook/components/rulebook-editor';
import { RulebookHistory } from '../../features/rulebook/components/rulebook-history';
import { RulebookView } from '../../features/rulebook/components/rulebook-view';
import { useUser } from '../../lib/auth';
import { canEditRulebook } from '../../lib/authorization';
import { formatDateTime } from '../../lib/format';

export function RulebookRoute() {
  const user = useUser();
  const rulebook = useRulebook();
  const [editing, setEditing] = useState(false);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  // Remounting the editor (new key) resets its text to the freshly loaded version.
  const [editorKey, setEditorKey] = useState(0);

  if (rulebook.isPending) return <Loading label="Loading the rulebook…" />;
  if (rulebook.isError) return <ErrorAlert error={rulebook.error} title="Could not load the rulebook" />;
  const current = rulebook.data;

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Rulebook</h1>
          <p className="muted">
            {current.name} · version {current.version} · saved {formatDateTime(current.created_at)} by{' '}
            {current.created_by?.username ?? 'system'}
            {current.comment ? ` · “${current.comment}”` : ''}
          </p>
        </div>
        {canEditRulebook(user) && (
          <button
            type="button"
            onClick={() => {
              setEditing(!editing);
              setSavedVersion(null);
            }}
          >
            {editing ? 'Close editor' : 'Edit rulebook'}
          </button>
        )}
      </div>
      {savedVersion !== null && (
        <p role="status" className="alert alert-success">
          Saved as version {savedVersion}.
        </p>
      )}
      {editing && canEditRulebook(user) && (
        <RulebookEditor
          key={`${current.version}:${editorKey}`}
          current={current}
          onReload={async () => {
            await rulebook.refetch();
            setEditorKey((key) => key + 1);
          }}
          onSaved={(version) => {
            setSavedVersion(version);
            setEditing(false);
          }}
        />
      )}
      <RulebookView rulebook={current.rulebook} />
      <RulebookHistory />
    </>
  );
}
