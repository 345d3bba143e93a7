import { render } from 'preact';
import { App } from './app';
import './styles.css';

// The page's first data is on its way already (boot.ts, inlined in index.html).
render(<App />, document.getElementById('app')!);

// Offline shell for tablets (judges reopening the app without Wi-Fi); production builds only.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
