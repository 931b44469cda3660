/** 16×16 stroke icons drawn for this app (no icon font: CSP and offline friendly). */
const PATHS = {
  plus: 'M8 3v10M3 8h10',
  restart: 'M13 8a5 5 0 1 1-1.5-3.6M13 3v3h-3',
  stop: 'M4.5 4.5h7v7h-7z',
  kill: 'M8 2.5a5.5 5.5 0 1 1 0 11a5.5 5.5 0 1 1 0-11zM4.1 4.1l7.8 7.8',
  search: 'M7 3a4 4 0 1 1 0 8a4 4 0 1 1 0-8zM10 10l3.5 3.5',
  maximize: 'M3 6V3h3M10 3h3v3M13 10v3h-3M6 13H3v-3',
  restore: 'M6 3v3H3M10 3v3h3M13 10h-3v3M3 10h3v3',
  close: 'M4.5 4.5l7 7M11.5 4.5l-7 7',
  grid: 'M2.5 2.5h4.5v4.5H2.5zM9 2.5h4.5v4.5H9zM2.5 9h4.5v4.5H2.5zM9 9h4.5v4.5H9z',
  single: 'M2.5 2.5h11v11h-11z',
  history: 'M8 2.5a5.5 5.5 0 1 1-5.2 3.7M2.5 2.5v3.5H6M8 5v3.2l2.2 1.5',
  terminal: 'M2.5 3.5h11v9h-11zM4.5 6.5l2 1.5-2 1.5M8 10h3',
  sparkle: 'M8 2v12M2 8h12M4 4l8 8M12 4l-8 8',
  flask: 'M6 2.5h4M6.8 2.5v4L3.5 12.5a.8.8 0 0 0 .7 1h7.6a.8.8 0 0 0 .7-1L9.2 6.5v-4M5 10h6',
  gear: 'M8 5.5a2.5 2.5 0 1 1 0 5a2.5 2.5 0 1 1 0-5zM8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4',
  crown: 'M2.5 12h11M3 11l-.5-6 3 2.5L8 4l2.5 3.5 3-2.5-.5 6z',
  eye: 'M1.5 8s2.5-4.5 6.5-4.5S14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8zM8 6.3a1.7 1.7 0 1 1 0 3.4a1.7 1.7 0 1 1 0-3.4z',
  wrench: 'M10.5 2.5a3 3 0 0 0-2.8 4L2.5 11.7l1.8 1.8 5.2-5.2a3 3 0 0 0 4-2.8l-1.8 1-1.5-1.5 1-1.8a3 3 0 0 0-.7-.2z',
  warning: 'M8 2l6.5 11.5h-13zM8 6.5v3M8 11.5v.5',
  up: 'M4 10l4-4 4 4',
  down: 'M4 6l4 4 4-4',
  trash: 'M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 9h5.6l.7-9',
  open: 'M9 2.5h4.5V7M13.5 2.5L7.5 8.5M11.5 9.5v4h-9v-9h4',
  refresh: 'M13 8a5 5 0 1 1-1.5-3.6M13 3v3h-3',
  check: 'M3 8.5l3 3 7-7',
  bell: 'M4 11V7a4 4 0 0 1 8 0v4l1 1.5H3zM6.5 14h3',
  bug: 'M5.5 6h5v5a2.5 2.5 0 0 1-5 0zM6 6a2 2 0 0 1 4 0M3 8.5h2.5M10.5 8.5H13M3.5 5l2 1.5M12.5 5l-2 1.5M3.5 12.5l2-1.5M12.5 12.5l-2-1.5',
  shield: 'M8 1.5l5 2v4c0 3.2-2.2 5.6-5 7-2.8-1.4-5-3.8-5-7v-4z',
  lock: 'M4 7.5h8v6H4zM5.5 7.5V5a2.5 2.5 0 0 1 5 0v2.5',
  inbox: 'M2.5 9l2-5.5h7l2 5.5v4h-11zM2.5 9h3.5l.8 1.5h2.4L10 9h3.5',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.3}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
