import { useState, type FormEvent } from 'react';
import { errorMessage, errorStatus } from '../../../lib/api-client';
import { useAuth } from '../../../lib/auth';

export function LoginForm() {
  const { login, notice } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (caught) {
      setError(errorStatus(caught) === 401 ? 'Incorrect username or password.' : errorMessage(caught));
      setSubmitting(false);
    }
  }

  return (
    <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
      <h1 id="login-title">Loan Engine</h1>
      <p className="muted">Sign in to review loan tapes, runs and exceptions.</p>
      {notice && !error && (
        <p role="status" className="alert alert-info">
          {notice}
        </p>
      )}
      {error && (
        <p role="alert" className="alert alert-error">
          {error}
        </p>
      )}
      <label>
        Username
        <input
          name="username"
          autoComplete="username"
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          required
          autoFocus
        />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
        />
      </label>
      <button type="submit" disabled={submitting}>
        {submitting ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
