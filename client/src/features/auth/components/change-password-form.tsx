import { useState, type FormEvent } from 'react';
import { errorMessage, validationProblems } from '../../../lib/api-client';
import { useAuth } from '../../../lib/auth';

const MIN_LENGTH = 10;

export function ChangePasswordForm() {
  const { changePassword } = useAuth();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    if (next !== confirm) return setError('The new passwords do not match.');
    if (next.length < MIN_LENGTH) return setError(`The new password must be at least ${MIN_LENGTH} characters.`);
    setSubmitting(true);
    setError(null);
    try {
      await changePassword(current, next);
      setDone(true);
      setCurrent('');
      setNext('');
      setConfirm('');
    } catch (caught) {
      const problems = validationProblems(caught);
      setError(problems.length ? problems.map((problem) => problem.msg).join(' ') : errorMessage(caught));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <p className="muted">Other sessions signed in with your old password are signed out.</p>
      {error && (
        <p role="alert" className="alert alert-error">
          {error}
        </p>
      )}
      {done && (
        <p role="status" className="alert alert-success">
          Your password was changed.
        </p>
      )}
      <label>
        Current password
        <input
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          required
        />
      </label>
      <label>
        New password
        <input
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          required
        />
      </label>
      <label>
        Repeat the new password
        <input
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          required
        />
      </label>
      <button type="submit" disabled={submitting}>
        {submitting ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
