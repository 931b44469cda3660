import { useCallback, useEffect, useState } from 'react';
import type { PolicyText } from '../../../../src-preload/contract/channels';
import { useServices } from '../../app/services';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';

/**
 * The safety policy as text. A refused save names the line and reason and
 * leaves the policy in force unchanged; the builtin denies cannot be weakened.
 */
export function PolicyView({ hidden }: { hidden: boolean }) {
  const { api } = useServices();
  const [policy, setPolicy] = useState<PolicyText | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const r = await api.invoke('policy.get', {});
    if (r.ok) {
      setPolicy(r.value);
      setText(r.value.text);
      setError(null);
    } else setError(r.error.message);
  }, [api]);

  useEffect(() => {
    if (!hidden) void load();
  }, [hidden, load]);

  if (hidden) return null;

  const save = async () => {
    setBusy(true);
    setSaved(false);
    const r = await api.invoke('policy.set', { text });
    setBusy(false);
    if (r.ok) {
      setPolicy(r.value);
      setText(r.value.text);
      setError(null);
      setSaved(true);
    } else setError(r.error.message);
  };
  const dirty = policy !== null && text !== policy.text;

  return (
    <div className="approvals-view policy-view" data-testid="policy-view">
      <header className="view-header">
        <h2>Safety policy</h2>
        <span className="view-header-hint">{policy ? policy.file : 'Loading…'}</span>
      </header>
      <div className="policy-layout">
        <div className="policy-edit">
          <textarea
            className="policy-editor"
            data-testid="policy-editor"
            aria-label="Policy text"
            spellCheck={false}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setSaved(false);
            }}
            onKeyDown={(e) => {
              if (e.key === 's' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void save();
              }
            }}
          />
          {error ? (
            <div className="dialog-error" data-testid="policy-error" role="alert">
              {error}
            </div>
          ) : null}
          <div className="policy-buttons">
            {saved && !dirty ? <span className="policy-saved">Saved: in force now.</span> : null}
            {dirty ? <span className="muted">Unsaved changes (Ctrl+S)</span> : null}
            <Button onClick={() => policy && setText(policy.text)} disabled={!dirty || busy}>
              Revert
            </Button>
            <Button variant="primary" testId="policy-save" onClick={() => void save()} disabled={busy || policy === null}>
              {busy ? 'Saving…' : 'Save'}
            </Button>
          </div>
        </div>
        <aside className="policy-side">
          {policy && policy.warnings.length > 0 ? (
            <section data-testid="policy-warnings">
              <h3 className="section-heading">Warnings</h3>
              <ul className="policy-warnings">
                {policy.warnings.map((w) => (
                  <li key={w}>
                    <Icon name="warning" /> {w}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section>
            <h3 className="section-heading">Builtin denies</h3>
            <p className="muted small">Always apply, in every mode; a policy rule cannot weaken them.</p>
            <ul className="policy-builtins" data-testid="policy-builtins">
              {(policy?.builtins ?? []).map((b) => (
                <li key={b.id}>
                  <code className="rule-id">{b.id}</code>
                  <span>{b.reason}</span>
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
    </div>
  );
}
