import { useState, type FormEvent } from 'react';
import { errorMessage, errorStatus, problemPath, validationProblems } from '../../../lib/api-client';
import type { RulebookVersion } from '../../../types/api';
import { useUpdateRulebook } from '../api/update-rulebook';

interface RulebookEditorProps {
  current: RulebookVersion;
  onReload(): void;
  onSaved(version: number): void;
}

/** Edits the JSON of the version it was opened on; the API refuses the save (409) if another came since. */
export function RulebookEditor({ current, onReload, onSaved }: RulebookEditorProps) {
  const update = useUpdateRulebook();
  const [text, setText] = useState(() => JSON.stringify(current.rulebook, null, 2));
  const [comment, setComment] = useState('');
  const [parseError, setParseError] = useState<string | null>(null);
  const problems = validationProblems(update.error);
  const conflict = errorStatus(update.error) === 409;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setParseError(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      setParseError(`The text is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      setParseError('The rulebook must be a JSON object.');
      return;
    }
    update.mutate(
      { rulebook: { ...(parsed as Record<string, unknown>), version: current.version }, comment: comment.trim() },
      { onSuccess: (saved) => onSaved(saved.version) },
    );
  }

  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="editor-title">
      <h2 id="editor-title">Edit the rulebook (from version {current.version})</h2>
      {parseError && (
        <p role="alert" className="alert alert-error">
          {parseError}
        </p>
      )}
      {conflict && (
        <div role="alert" className="alert alert-warning">
          <strong>The rulebook has changed since you loaded version {current.version}.</strong>{' '}
          {errorMessage(update.error)}{' '}
          <button type="button" className="button-secondary" onClick={onReload}>
            Load the latest version
          </button>
        </div>
      )}
      {problems.length > 0 && (
        <div role="alert" className="alert alert-error">
          <strong>The rulebook was not saved — fix these problems:</strong>
          <ul className="problems">
            {problems.map((problem) => (
              <li key={`${problemPath(problem)}:${problem.msg}`}>
                <code>{problemPath(problem) || '(rulebook)'}</code>: {problem.msg}
              </li>
            ))}
          </ul>
        </div>
      )}
      {update.isError && !conflict && problems.length === 0 && (
        <p role="alert" className="alert alert-error">
          {errorMessage(update.error)}
        </p>
      )}
      <label>
        Rulebook JSON
        <textarea
          className="json-editor"
          value={text}
          onChange={(event) => setText(event.target.value)}
          spellCheck={false}
          rows={24}
        />
      </label>
      <label>
        Comment
        <input
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          placeholder="What changed and why"
        />
      </label>
      <div className="form-actions">
        <button type="submit" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save new version'}
        </button>
      </div>
    </form>
  );
}
