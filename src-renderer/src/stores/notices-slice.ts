export type NoticeLevel = 'info' | 'warning' | 'error';

export interface Notice {
  readonly id: number;
  readonly level: NoticeLevel;
  readonly message: string;
}

/** Older notices drop off: a burst of failures must not fill the screen. */
export const MAX_NOTICES = 4;
