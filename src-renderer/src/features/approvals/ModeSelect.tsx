import type { ApprovalMode } from '../../../../src-preload/contract/approvals';

const MODES: readonly ApprovalMode[] = ['manual', 'policy', 'judge'];
const isMode = (v: string): v is ApprovalMode => (MODES as readonly string[]).includes(v);

export const MODE_LABEL: Record<ApprovalMode, string> = {
  manual: 'Manual: I answer every prompt',
  policy: 'Policy: rules answer, the rest asks me',
  judge: 'Judge: a model judge for the rest (fails closed)',
};

const SHORT: Record<ApprovalMode, string> = { manual: 'manual', policy: 'policy', judge: 'judge' };

/** How a session's permission prompts are answered. */
export function ModeSelect({ value, onChange, testId, id, short = false }: { value: ApprovalMode; onChange(mode: ApprovalMode): void; testId: string; id?: string; short?: boolean }) {
  return (
    <select
      id={id}
      className={short ? 'mode-select' : undefined}
      data-testid={testId}
      value={value}
      aria-label="Approval mode"
      title={MODE_LABEL[value]}
      onChange={(e) => {
        if (isMode(e.target.value)) onChange(e.target.value);
      }}
    >
      {MODES.map((m) => (
        <option key={m} value={m} title={MODE_LABEL[m]}>
          {short ? SHORT[m] : MODE_LABEL[m]}
        </option>
      ))}
    </select>
  );
}
