import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useConfig } from '../../../api/get-config';
import { useSalesTeams } from '../../../api/get-sales-teams';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { Loading } from '../../../components/ui/loading';
import { paths } from '../../../config/paths';
import type { PublicConfig, SalesTeam } from '../../../types/api';
import { useCreateRun } from '../api/create-run';
import { useInputFolders } from '../api/get-input-folders';

function today(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function NewRunForm() {
  const config = useConfig();
  const teams = useSalesTeams();
  const folders = useInputFolders();
  if (config.isPending || teams.isPending || folders.isPending) return <Loading label="Loading the form…" />;
  if (config.isError) return <ErrorAlert error={config.error} title="Could not load the configuration" />;
  if (teams.isError) return <ErrorAlert error={teams.error} title="Could not load sales teams" />;
  if (folders.isError) return <ErrorAlert error={folders.error} title="Could not list input folders" />;
  if (folders.data.length === 0)
    return (
      <EmptyState title="No input folders yet.">
        Create a folder in <Link to={paths.files.getHref()}>Files</Link> (inputs) and upload a loan tape into it.
      </EmptyState>
    );
  return <RunForm config={config.data} teams={teams.data} folders={folders.data} />;
}

function RunForm({ config, teams, folders }: { config: PublicConfig; teams: SalesTeam[]; folders: string[] }) {
  const navigate = useNavigate();
  const createRun = useCreateRun();
  const [folder, setFolder] = useState(folders[0] ?? '');
  const [pdate, setPdate] = useState(today);
  const [irrTarget, setIrrTarget] = useState(String(config.default_irr_target));
  const [teamId, setTeamId] = useState('');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    createRun.mutate(
      { folder, pdate, irr_target: Number(irrTarget), sales_team_id: teamId ? Number(teamId) : null },
      { onSuccess: (run) => navigate(paths.runDetail.getHref(run.run_id)) },
    );
  }

  return (
    <form className="panel form" onSubmit={submit} aria-label="New run">
      {createRun.isError && <ErrorAlert error={createRun.error} title="The run was not started" />}
      <label>
        Input folder
        <select value={folder} onChange={(event) => setFolder(event.target.value)} required>
          {folders.map((path) => (
            <option key={path} value={path}>
              {path}
            </option>
          ))}
        </select>
        <span className="hint">Every .csv and .xlsx directly inside the folder is read.</span>
      </label>
      <label>
        Purchase date
        <input type="date" value={pdate} onChange={(event) => setPdate(event.target.value)} required />
      </label>
      <label>
        IRR target (%)
        <input
          type="number"
          step="0.01"
          min="0.01"
          max="99.99"
          value={irrTarget}
          onChange={(event) => setIrrTarget(event.target.value)}
          required
        />
      </label>
      <label>
        Sales team
        <select value={teamId} onChange={(event) => setTeamId(event.target.value)}>
          <option value="">No team (nothing copied to output_share)</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <div className="form-actions">
        <button type="submit" disabled={createRun.isPending}>
          {createRun.isPending ? 'Starting…' : 'Start run'}
        </button>
      </div>
    </form>
  );
}
