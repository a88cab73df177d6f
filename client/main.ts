import { mount } from 'svelte';
import App from './App.svelte';
import { locale, t } from './lib/i18n/messages.ts';
import './styles/app.css';

document.documentElement.lang = locale;
document.title = t('app.title');

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
mount(App, { target: root });
