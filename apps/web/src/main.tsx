import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@digital-go-jp/design-tokens/dist/tokens.css';
import './styles.css';
import { App } from './App';
import { AuthProvider } from './auth';
import { I18nProvider } from './i18n';
import { RouterProvider } from './router';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <RouterProvider>
        <AuthProvider>
          <App />
        </AuthProvider>
      </RouterProvider>
    </I18nProvider>
  </StrictMode>,
);
