// A tiny static file server for the built UI, sending the CSP the desktop app runs under.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

/**
 * As strict as the Tauri window (src-tauri/tauri.conf.json): no inline scripts or styles,
 * nothing from elsewhere, no frames, no form posts. (The window's `connect-src` is its IPC;
 * here the mock host needs none.)
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Serves `root` on a free loopback port; resolves to `{ url, close }`. */
export async function serveStatic(root) {
  const base = resolve(root);
  const server = createServer((request, response) => {
    void respond(base, request, response);
  });
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => {
          done();
        });
      }),
  };
}

async function respond(base, request, response) {
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
  const file = resolve(join(base, pathname === '/' ? 'index.html' : pathname));
  const inside = file === base || file.startsWith(base + sep);
  const info = inside ? await stat(file).catch(() => null) : null;
  if (request.method !== 'GET' || info === null || !info.isFile()) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  response.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CSP,
    'cache-control': 'no-store',
  });
  createReadStream(file).pipe(response);
}
