import { Field } from '../../components/Field';

export interface EnvFieldProps {
  id: string;
  testId: string;
  value: string;
  onChange(text: string): void;
  error?: string | undefined;
  hint: string;
  placeholder: string;
  rows?: number;
  /** Ctrl/Cmd+Enter submits the form from the textarea (Enter alone makes a new line). */
  onSubmit?: () => void;
}

/** "KEY=VALUE" lines for extra environment variables (parsed with parseEnv by the dialog). */
export function EnvField({ id, testId, value, onChange, error, hint, placeholder, rows = 3, onSubmit }: EnvFieldProps) {
  return (
    <Field id={id} label="Extra environment" error={error} hint={hint}>
      <textarea
        id={id}
        data-testid={testId}
        value={value}
        rows={rows}
        spellCheck={false}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (onSubmit && e.key === 'Enter' && (e.ctrlKey || e.metaKey)) onSubmit();
        }}
      />
    </Field>
  );
}
