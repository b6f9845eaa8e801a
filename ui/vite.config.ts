// Vite and Vitest settings for Folio's UI; `--mode mock` serves the app against the mock host.
import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';

/** In `vite --mode mock`, load the mock host before the app so it runs in a plain browser. */
function mockHost(): Plugin {
  return {
    name: 'folio-mock-host',
    apply: 'serve',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) =>
        html.replace(
          '<script type="module" src="/src/main.tsx">',
          '<script type="module" src="/tests/browser/mock-host.ts"></script>\n    $&',
        ),
    },
  };
}

export default defineConfig(({ mode }) => ({
  base: '/',
  plugins: [react(), ...(mode === 'mock' ? [mockHost()] : [])],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The app runs under `script-src 'self'`: never inline the module preload polyfill.
    modulePreload: { polyfill: false },
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
}));
