import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createApi } from './api/index.ts';
import { applyToDocument, createI18n, rememberedLanguage } from './i18n/index.ts';
import './styles.css';

const i18n = createI18n(rememberedLanguage());
applyToDocument(i18n);
const api = createApi(() => i18n.language);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App api={api} i18n={i18n} />
  </StrictMode>,
);
