export * from './result';
export * from './flow';
export * from './session';
export * from './events';
export * from './channel-names';
export * from './channels';
export type * from './api';
export * from './locks';
export * from './approvals';
