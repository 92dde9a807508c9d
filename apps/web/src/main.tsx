import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { attachPersistence } from './persistence/attach';
import { openBackflowDb } from './persistence/db';
import { App } from './shell/App';
import { ServicesProvider } from './shell/services';
import { createStudioStore } from './store/create-store';
import { StudioProvider } from './store/react';
import { installWindowApi } from './testing/window-api';
import './styles.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('Backflow: #root element missing from index.html');

const store = createStudioStore();
const persistence = attachPersistence(store, openBackflowDb(), {
  tabId: crypto.randomUUID(),
  page: {
    addEventListener: (type, fn) => (type === 'pagehide' ? window : document).addEventListener(type, fn),
    removeEventListener: (type, fn) =>
      (type === 'pagehide' ? window : document).removeEventListener(type, fn),
    isHidden: () => document.visibilityState === 'hidden',
  },
});
if (import.meta.env.DEV || new URLSearchParams(location.search).has('e2e')) {
  installWindowApi(window, store, persistence);
}

createRoot(rootElement).render(
  <StrictMode>
    <StudioProvider store={store}>
      <ServicesProvider services={{ persistence }}>
        <App />
      </ServicesProvider>
    </StudioProvider>
  </StrictMode>,
);
