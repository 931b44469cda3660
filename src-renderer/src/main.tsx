import '@xterm/xterm/css/xterm.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/terminals.css';
import './styles/forms.css';
import './styles/history.css';
import './styles/approvals.css';
import './styles/locks.css';
import './styles/runs.css';
import './styles/health.css';
import './styles/settings.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createActions } from './app/actions';
import { App } from './app/App';
import { ServicesProvider } from './app/services';
import { wirePushes } from './app/wire-pushes';
import { createNotifier } from './features/approvals/notifier';
import { HealthHub } from './features/health/health-hub';
import { UnauthorizedScreen } from './features/connection/UnauthorizedScreen';
import { createApi } from './ipc/create-api';
import { createAppStore } from './stores/app-store';
import { StoreProvider } from './stores/store-context';
import { installInstrumentation } from './terminals/instrumentation';
import { TerminalManager } from './terminals/terminal-manager';

/**
 * The renderer's composition root (DESIGN.md §8.6): the transport, the
 * store, the terminal manager and the actions are built here, once, and
 * handed to React through context.
 */
function boot(): void {
  const rootEl = document.getElementById('root');
  if (!rootEl) throw new Error('index.html has no #root');
  const root = createRoot(rootEl);
  const started = createApi();
  if (started.kind === 'no-token') {
    root.render(<UnauthorizedScreen />);
    return;
  }
  const api = started.api;
  const store = createAppStore(api.connection());
  const isMac = /Mac|iPhone|iPad/.test(navigator.userAgent);
  const terminals = new TerminalManager({
    api,
    isMac,
    onFocus: (id) => {
      if (store.getState().ui.focusedId !== id) store.getState().focus(id);
    },
    onShortcut: (id, shortcut) => {
      if (shortcut === 'toggle-maximize') store.getState().toggleMaximize(id);
      if (shortcut === 'search') store.getState().setSearchOpen(id, true);
    },
    notify: (level, message) => store.getState().notify(level, message),
  });
  const actions = createActions(api, store, terminals);
  const notifier = createNotifier({
    hasFocus: () => document.hasFocus(),
    onOpen: (a) => {
      store.getState().selectApproval(a.id);
      store.getState().setTab('approvals');
    },
  });
  wirePushes(api, store, actions, notifier);
  const health = new HealthHub(api);
  installInstrumentation(terminals);
  window.addEventListener('pagehide', () => {
    terminals.dispose();
    health.dispose();
    api.dispose();
  });

  root.render(
    <StrictMode>
      <StoreProvider store={store}>
        <ServicesProvider services={{ api, terminals, actions, notifier, health }}>
          <App />
        </ServicesProvider>
      </StoreProvider>
    </StrictMode>,
  );
}

boot();
