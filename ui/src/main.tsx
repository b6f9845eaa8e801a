// The UI's entry point: mounts the app with its query client.
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Base styles first, so each component's own CSS comes after them.
import './styles/theme.css';
import { App } from './app/App';
import { createQueryClient } from './app/queryClient';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
