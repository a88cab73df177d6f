import { mount } from 'svelte';
import App from './App.svelte';
import { takeTokenFromAddress } from './lib/connection/token.ts';
import { applyDocumentLanguage } from './lib/i18n/locale.svelte.ts';
import { registerServiceWorker } from './lib/offline/service-worker.svelte.ts';
import { routeIdOfPath } from './lib/routing/pages.ts';
import './styles/app.css';

// Before anything else reads the address, so the token never lingers in the address bar.
takeTokenFromAddress(routeIdOfPath);
applyDocumentLanguage();

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
mount(App, { target: root });
registerServiceWorker();
