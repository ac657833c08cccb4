import { errorMessage } from '../../lib/api-client';

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  return (
    <div role="alert" className="alert alert-error">
      {title && <strong>{title}: </strong>}
      {errorMessage(error)}
    </div>
  );
}
