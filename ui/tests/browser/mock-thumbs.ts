// Placeholder thumbnails for the mock host: what `convertFileSrc(…, 'folio-thumb')` resolves to in
// a plain browser. A small SVG as a data: URL (allowed by the app's `img-src 'self' data:`), in
// the item's proportions and a colour of its own, so a test can tell thumbnails apart.
const PALETTE = ['#5b8def', '#e07a5f', '#81b29a', '#f2cc8f', '#9d79bc', '#3d5a80', '#ee6c4d', '#2a9d8f'];

export function placeholderThumbnail(sha256: string, size: number, aspect: number): string {
  const landscape = aspect >= 1;
  const width = landscape ? size : Math.round(size * aspect);
  const height = landscape ? Math.round(size / aspect) : size;
  const colour = PALETTE[parseInt(sha256.slice(0, 2), 16) % PALETTE.length] ?? '#888';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${String(width)}" height="${String(height)}" viewBox="0 0 ${String(width)} ${String(height)}">` +
    `<rect width="100%" height="100%" fill="${colour}"/>` +
    `<circle cx="${String(width * 0.72)}" cy="${String(height * 0.3)}" r="${String(Math.min(width, height) * 0.1)}" fill="#fff" fill-opacity="0.7"/>` +
    `<path d="M0 ${String(height)} L${String(width * 0.35)} ${String(height * 0.45)} L${String(width * 0.6)} ${String(height * 0.75)} L${String(width * 0.78)} ${String(height * 0.55)} L${String(width)} ${String(height)} Z" fill="#000" fill-opacity="0.25"/>` +
    `<text x="8" y="${String(height - 8)}" font-family="sans-serif" font-size="${String(Math.max(10, size / 20))}" fill="#fff">${sha256.slice(0, 8)} · ${String(size)}</text>` +
    `</svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
