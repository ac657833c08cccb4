import { NewRunForm } from '../../features/runs/components/new-run-form';

export function NewRunRoute() {
  return (
    <>
      <h1>New run</h1>
      <p className="muted">Run the pipeline over a folder of loan tapes in inputs.</p>
      <NewRunForm />
    </>
  );
}
