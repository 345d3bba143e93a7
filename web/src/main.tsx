import { render } from 'preact';
import { session } from './api';
import { App } from './app';
import { cachedMe } from './auth';
import { prefetchFor } from './prefetch';
import './styles.css';

// The page's first data, asked for now: it arrives together with the role's code.
prefetchFor(location.pathname, session.token, cachedMe());
render(<App />, document.getElementById('app')!);

// Offline shell for tablets (judges reopening the app without Wi-Fi); production builds only.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
