/** Mounts the app on the bridge the preload (or the preview) put on the page. */
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import NoBridge from './components/NoBridge.svelte';
import { connectBridge } from './lib/api';
import { Handoff } from './state/handoff.svelte';

const target = document.getElementById('app');
if (target === null) throw new Error('index.html has no #app element to mount Handoff in.');

const api = connectBridge();
if (api === null) mount(NoBridge, { target });
else mount(App, { target, props: { handoff: new Handoff(api) } });
