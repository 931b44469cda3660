import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { ApprovalMode } from '../../../../src-preload/contract/approvals';
import type { ProfileId, ProfileInfo, Role } from '../../../../src-preload/contract/session';
import { ROLES } from '../../../../src-preload/contract/session';
import { useServices } from '../../app/services';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { selectOpenIds } from '../../stores/selectors';
import { useAppStore } from '../../stores/store-context';
import { ModeSelect } from '../approvals/ModeSelect';
import { estimateTerminalSize } from '../terminals/estimate-size';
import { ROLE_LABEL } from '../sessions/session-icons';
import { parseArgs } from './parse-args';
import { EnvField } from './EnvField';
import { parseEnv } from './parse-env';

/** Claude Code when it is installed, else the demo agent (needs no account), else whatever runs. */
export function defaultProfile(profiles: readonly ProfileInfo[]): ProfileId {
  const usable = (id: ProfileId) => profiles.some((p) => p.id === id && p.available);
  if (usable('claude')) return 'claude';
  if (usable('demo')) return 'demo';
  return profiles.find((p) => p.available)?.id ?? 'shell';
}

interface FieldErrors {
  args?: string;
  env?: string;
  command?: string;
}

export function NewSessionDialog() {
  const { actions, terminals } = useServices();
  const openCount = useAppStore((s) => selectOpenIds(s).length);
  const layout = useAppStore((s) => s.ui.layout);
  /** The pty starts at the size its pane will have (see estimate-size.ts). */
  const newPaneSize = () => {
    const area = document.querySelector<HTMLElement>('.terminal-area');
    const size = area
      ? estimateTerminalSize({
          areaWidth: area.clientWidth,
          areaHeight: area.clientHeight,
          paneCount: openCount + 1,
          single: layout === 'single',
          cell: terminals.cellSize(),
        })
      : null;
    return size ?? {};
  };
  const profiles = useAppStore((s) => s.profiles);
  const workspaceDir = useAppStore((s) => s.appInfo?.workspaceDir ?? 'the data folder');
  const closeDialog = useAppStore((s) => s.closeDialog);
  const initialProfile = useMemo(() => defaultProfile(profiles), [profiles]);
  const [profileId, setProfileId] = useState<ProfileId>(initialProfile);
  const profileTouched = useRef(false);
  useEffect(() => {
    // Profiles may arrive after the dialog opened (first start, reconnect): follow the default until the person picks.
    if (!profileTouched.current) setProfileId(initialProfile);
  }, [initialProfile]);
  const [role, setRole] = useState<Role>('none');
  const [approvalMode, setApprovalMode] = useState<ApprovalMode>('manual');
  const [name, setName] = useState('');
  const [cwd, setCwd] = useState('');
  const [command, setCommand] = useState('');
  const [args, setArgs] = useState('');
  const [env, setEnv] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const profile = profiles.find((p) => p.id === profileId);
  const isCustom = profileId === 'custom';

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    const parsedArgs = parseArgs(args);
    const parsedEnv = parseEnv(env);
    const fieldErrors: FieldErrors = {};
    if (!parsedArgs.ok) fieldErrors.args = parsedArgs.error;
    if (!parsedEnv.ok) fieldErrors.env = parsedEnv.error;
    if (isCustom && command.trim() === '') fieldErrors.command = 'Enter the program to run, e.g. codex, gemini or aider.';
    setErrors(fieldErrors);
    if (!parsedArgs.ok || !parsedEnv.ok || fieldErrors.command) return;
    setBusy(true);
    setSubmitError(null);
    const r = await actions.createSession({
      ...newPaneSize(),
      profileId,
      role,
      approvalMode,
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(cwd.trim() ? { cwd: cwd.trim() } : {}),
      ...(isCustom ? { command: command.trim() } : {}),
      args: parsedArgs.value,
      env: parsedEnv.value,
    });
    setBusy(false);
    if (r.ok) {
      closeDialog();
      // The new agent gets the keyboard once its pane is on screen.
      const id = r.value.id;
      requestAnimationFrame(() => terminals.focus(id));
    } else setSubmitError(r.error.message);
  };

  return (
    <Dialog title="New session" onClose={closeDialog} testId="new-session-dialog" width={560}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <Field id="ns-profile" label="Agent" hint={profile ? `${profile.description} — ${profile.detail}` : undefined}>
          <select id="ns-profile" data-testid="profile-select" value={profileId} onChange={(e) => {
              profileTouched.current = true;
              setProfileId(e.target.value as ProfileId);
            }}>
            {profiles.map((p) => (
              <option key={p.id} value={p.id} disabled={!p.available} title={p.detail}>
                {p.available ? p.label : `${p.label} — unavailable: ${p.detail}`}
              </option>
            ))}
          </select>
        </Field>
        <div className="form-row">
          <Field id="ns-role" label="Role">
            <select id="ns-role" data-testid="role-select" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r === 'none' ? 'None' : ROLE_LABEL[r]}
                </option>
              ))}
            </select>
          </Field>
          <Field id="ns-name" label="Name">
            <input id="ns-name" data-testid="name-input" value={name} maxLength={80} placeholder="Automatic" onChange={(e) => setName(e.target.value)} />
          </Field>
        </div>
        <Field id="ns-mode" label="Approvals" hint="How this agent's permission prompts are answered. Builtin denies (e.g. rm -rf /) always apply.">
          <ModeSelect id="ns-mode" testId="mode-input" value={approvalMode} onChange={setApprovalMode} />
        </Field>
        <Field id="ns-cwd" label="Working folder">
          <input
            id="ns-cwd"
            data-testid="cwd-input"
            value={cwd}
            placeholder={`fresh folder under ${workspaceDir}`}
            spellCheck={false}
            onChange={(e) => setCwd(e.target.value)}
          />
        </Field>
        {isCustom ? (
          <Field id="ns-command" label="Command" error={errors.command} hint="A program on PATH or a full path.">
            <input
              id="ns-command"
              data-testid="command-input"
              value={command}
              placeholder="codex"
              spellCheck={false}
              onChange={(e) => setCommand(e.target.value)}
            />
          </Field>
        ) : null}
        <Field id="ns-args" label="Arguments" error={errors.args} hint={`Optional. Quote arguments with spaces: --message "hello world"`}>
          <input id="ns-args" data-testid="args-input" value={args} spellCheck={false} onChange={(e) => setArgs(e.target.value)} />
        </Field>
        <EnvField
          id="ns-env"
          testId="env-input"
          value={env}
          onChange={setEnv}
          error={errors.env}
          hint="Optional. One KEY=VALUE per line; added to the inherited environment."
          placeholder="ANTHROPIC_MODEL=claude-sonnet-4-5"
          onSubmit={() => void submit()}
        />
        {submitError ? (
          <div className="dialog-error" data-testid="dialog-error" role="alert">
            {submitError}
          </div>
        ) : null}
        <div className="dialog-buttons">
          <Button onClick={closeDialog}>Cancel</Button>
          <Button type="submit" variant="primary" testId="create-session-submit" disabled={busy || profile?.available === false}>
            {busy ? 'Creating…' : 'Create'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
