/** Mounts the app on the bridge the preload (or the preview) put on the page. */
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import NoBridge from './components/NoBridge.svelte';
import { connectBridge, settle } from './lib/api';
import { words } from './lib/i18n.svelte';
import { Handoff } from './state/handoff.svelte';

const target = document.getElementById('app');
if (target === null) throw new Error('index.html has no #app element to mount Handoff in.');

const api = connectBridge();
// The words come first: the core chooses the language (Settings, policy, the system's languages, or the browser's in the preview).
const catalog = api === null ? null : await settle(() => api.language.get({ preferred: [...navigator.languages] }));
if (api === null || catalog === null) {
  mount(NoBridge, { target, props: { reason: 'no-bridge' } });
} else if (!catalog.ok) {
  mount(NoBridge, { target, props: { reason: 'no-catalog' } });
} else {
  words.use(catalog.value);
  api.onLanguageChange((next) => {
    words.use(next);
  });
  mount(App, { target, props: { handoff: new Handoff(api) } });
}
