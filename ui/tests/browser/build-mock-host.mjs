// Bundles tests/browser/mock-host.ts into one classic script to run before the app's own.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { build } from 'vite';

const ENTRY = fileURLToPath(new URL('./mock-host.ts', import.meta.url));

/** Writes `mock-host.js` (an IIFE) into `outDir` and returns its path. */
export async function buildMockHost(outDir) {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'es2022',
      lib: {
        entry: ENTRY,
        formats: ['iife'],
        name: 'FolioMockHost',
        fileName: () => 'mock-host.js',
      },
    },
  });
  return join(outDir, 'mock-host.js');
}
