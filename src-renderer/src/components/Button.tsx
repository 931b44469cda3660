import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  icon?: IconName;
  testId?: string;
  children?: ReactNode;
}

export function Button({ variant = 'secondary', icon, testId, children, className, type = 'button', ...rest }: ButtonProps) {
  return (
    <button type={type} className={`btn btn-${variant}${className ? ` ${className}` : ''}`} data-testid={testId} {...rest}>
      {icon ? <Icon name={icon} /> : null}
      {children !== undefined ? <span>{children}</span> : null}
    </button>
  );
}

export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  icon: IconName;
  /** Required: an icon-only button needs a name for screen readers and a tooltip for everyone. */
  label: string;
  testId?: string;
  pressed?: boolean;
  tone?: 'default' | 'danger';
}

export function IconButton({ icon, label, testId, pressed, tone = 'default', className, type = 'button', ...rest }: IconButtonProps) {
  return (
    <button
      type={type}
      className={`icon-btn icon-btn-${tone}${pressed ? ' is-pressed' : ''}${className ? ` ${className}` : ''}`}
      aria-label={label}
      title={label}
      aria-pressed={pressed}
      data-testid={testId}
      {...rest}
    >
      <Icon name={icon} />
    </button>
  );
}
