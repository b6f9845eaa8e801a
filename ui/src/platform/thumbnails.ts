// Where a thumbnail of an item's original can be loaded from: the host's scoped `folio-thumb`
// protocol, which serves the JPEGs in the archive's `derived/` folder (never base64 over IPC).
import { convertFileSrc } from '@tauri-apps/api/core';

/** The sizes the host derives: 256 px for lists and grids, 1024 px for viewing. */
export type ThumbnailSize = 256 | 1024;

/** The URL of an original's thumbnail, by the original's SHA-256. */
export function thumbnailUrl(sha256: string, size: ThumbnailSize): string {
  return convertFileSrc(`${sha256}/${String(size)}`, 'folio-thumb');
}
