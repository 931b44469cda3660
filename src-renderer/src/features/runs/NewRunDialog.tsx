import { useState, type FormEvent } from 'react';
import type { ApprovalMode } from '../../../../src-preload/contract/approvals';
import { DEFAULT_MAX_WORKERS } from '../../../../src-preload/contract/runs';
import type { ProfileId, ProfileInfo } from '../../../../src-preload/contract/session';
import { useServices } from '../../app/services';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useAppStore } from '../../stores/store-context';
import { ModeSelect } from '../approvals/ModeSelect';
import { defaultProfile } from '../new-session/NewSessionDialog';
import { EnvField } from '../new-session/EnvField';
import { parseEnv } from '../new-session/parse-env';
import { ROLE_LABEL } from '../sessions/session-icons';
import { parseMaxWorkers } from './run-format';

type WorkspaceKind = 'folders' | 'worktrees';
type RunRole = 'main' | 'monitor' | 'worker';
const RUN_ROLES: readonly RunRole[] = ['main', 'monitor', 'worker'];

interface FieldErrors {
  request?: string;
  maxWorkers?: string;
  repo?: string;
  env?: string;
}

function ProfileSelect({ id, value, profiles, onChange }: { id: string; value: ProfileId; profiles: readonly ProfileInfo[]; onChange(p: ProfileId): void }) {
  return (
    <select id={id} data-testid={id} value={value} onChange={(e) => onChange(e.target.value as ProfileId)}>
      {profiles.map((p) => (
        <option key={p.id} value={p.id} disabled={!p.available || p.id === 'custom'} title={p.detail}>
          {p.available ? p.label : `${p.label} — unavailable`}
        </option>
      ))}
    </select>
  );
}

/**
 * One request for MainAI, the agent for each role, how many workers at most,
 * and where they work: plain folders, or one git worktree (and branch) per
 * worker of a repository.
 */
export function NewRunDialog() {
  const { actions } = useServices();
  const profiles = useAppStore((s) => s.profiles);
  const closeDialog = useAppStore((s) => s.closeDialog);
  const setTab = useAppStore((s) => s.setTab);
  const runsDir = useAppStore((s) => (s.appInfo ? `${s.appInfo.dataDir}/runs` : 'the data folder'));
  const initial = defaultProfile(profiles);
  const [request, setRequest] = useState('');
  const [name, setName] = useState('');
  const [roleProfiles, setRoleProfiles] = useState<Record<RunRole, ProfileId>>({ main: initial, monitor: initial, worker: initial });
  const [maxWorkers, setMaxWorkers] = useState(String(DEFAULT_MAX_WORKERS));
  const [kind, setKind] = useState<WorkspaceKind>('folders');
  const [root, setRoot] = useState('');
  const [repo, setRepo] = useState('');
  const [approvalMode, setApprovalMode] = useState<ApprovalMode>('manual');
  const [autoRecovery, setAutoRecovery] = useState(true);
  const [env, setEnv] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    const workers = parseMaxWorkers(maxWorkers);
    const parsedEnv = parseEnv(env);
    const fieldErrors: FieldErrors = {};
    if (!parsedEnv.ok) fieldErrors.env = parsedEnv.error;
    if (request.trim() === '') fieldErrors.request = 'Say what the run should do.';
    if (!workers.ok) fieldErrors.maxWorkers = workers.error;
    if (kind === 'worktrees' && repo.trim() === '') fieldErrors.repo = 'Enter the path of a git repository.';
    setErrors(fieldErrors);
    if (!workers.ok || !parsedEnv.ok || Object.keys(fieldErrors).length > 0) return;
    setBusy(true);
    setSubmitError(null);
    const r = await actions.createRun({
      request: request.trim(),
      ...(name.trim() ? { name: name.trim() } : {}),
      profiles: roleProfiles,
      maxWorkers: workers.value,
      workspace: kind === 'worktrees' ? { kind, repo: repo.trim() } : root.trim() ? { kind, root: root.trim() } : { kind },
      approvalMode,
      autoRecovery,
      env: parsedEnv.value,
    });
    setBusy(false);
    if (r.ok) {
      closeDialog();
      setTab('runs');
    } else setSubmitError(r.error.message);
  };

  return (
    <Dialog title="New run" onClose={closeDialog} testId="new-run-dialog" width={620}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <Field id="nr-request" label="Request" error={errors.request} hint="MainAI splits it into tasks and hands them to workers. Ctrl+Enter starts the run.">
          <textarea
            id="nr-request"
            data-testid="run-request-input"
            value={request}
            rows={5}
            maxLength={20_000}
            placeholder="Create 3 simple apps: a counter, a todo list and a timer, each in its own folder."
            onChange={(e) => setRequest(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
            }}
          />
        </Field>
        <div className="form-row">
          <Field id="nr-name" label="Name">
            <input id="nr-name" data-testid="run-name-input" value={name} maxLength={80} placeholder="From the request" onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field id="nr-workers" label="Workers at most" error={errors.maxWorkers}>
            <input
              id="nr-workers"
              data-testid="run-workers-input"
              inputMode="numeric"
              value={maxWorkers}
              onChange={(e) => setMaxWorkers(e.target.value)}
            />
          </Field>
        </div>
        <div className="form-row form-row-3">
          {RUN_ROLES.map((role) => (
            <Field key={role} id={`run-profile-${role}`} label={ROLE_LABEL[role]}>
              <ProfileSelect
                id={`run-profile-${role}`}
                value={roleProfiles[role]}
                profiles={profiles}
                onChange={(p) => setRoleProfiles((old) => ({ ...old, [role]: p }))}
              />
            </Field>
          ))}
        </div>
        <Field id="nr-kind" label="Workspaces">
          <div className="radio-row" role="radiogroup" aria-label="Workspaces">
            <label>
              <input type="radio" name="nr-kind" data-testid="run-kind-folders" checked={kind === 'folders'} onChange={() => setKind('folders')} /> Plain
              folders (main_ai, monitor_ai, worker_N)
            </label>
            <label>
              <input type="radio" name="nr-kind" data-testid="run-kind-worktrees" checked={kind === 'worktrees'} onChange={() => setKind('worktrees')} /> Git
              worktrees of a repository, one branch per worker
            </label>
          </div>
        </Field>
        {kind === 'folders' ? (
          <Field id="nr-root" label="Run folder">
            <input id="nr-root" data-testid="run-root-input" value={root} spellCheck={false} placeholder={`a new folder under ${runsDir}`} onChange={(e) => setRoot(e.target.value)} />
          </Field>
        ) : (
          <Field id="nr-repo" label="Repository" error={errors.repo}>
            <input id="nr-repo" data-testid="run-repo-input" value={repo} spellCheck={false} placeholder="/home/me/project" onChange={(e) => setRepo(e.target.value)} />
          </Field>
        )}
        <Field id="nr-mode" label="Approvals" hint="For every agent of the run. Builtin denies (e.g. rm -rf /) always apply.">
          <ModeSelect id="nr-mode" testId="run-mode-input" value={approvalMode} onChange={setApprovalMode} />
        </Field>
        <EnvField
          id="nr-env"
          testId="run-env-input"
          value={env}
          onChange={setEnv}
          error={errors.env}
          rows={2}
          hint="Optional, for every agent of the run (e.g. an API endpoint). One KEY=VALUE per line."
          placeholder="ANTHROPIC_BASE_URL=https://gateway.example.com"
          onSubmit={() => void submit()}
        />
        <label className="check-row">
          <input type="checkbox" data-testid="run-auto-recovery" checked={autoRecovery} onChange={(e) => setAutoRecovery(e.target.checked)} />
          Apply MonitorAI&apos;s recovery suggestions (retry, reassign, skip) at once; otherwise they wait for you
        </label>
        {submitError ? (
          <div className="dialog-error" data-testid="dialog-error" role="alert">
            {submitError}
          </div>
        ) : null}
        <div className="dialog-buttons">
          <Button onClick={closeDialog}>Cancel</Button>
          <Button type="submit" variant="primary" testId="create-run-submit" disabled={busy}>
            {busy ? 'Starting…' : 'Start run'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
