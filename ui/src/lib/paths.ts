// Shortens file paths for display: the file name stays whole, parent folders give way to "…".
//
// Paths come from the host as the OS spells them (`/` or `\`); lengths count code points, so a
// Chinese or Russian name is never cut through the middle of a character.
const SEPARATOR = /[/\\]/;
const ELLIPSIS = '…';

function length(text: string): number {
  return Array.from(text).length;
}

/** The path without trailing separators (but "/" stays "/"). */
function trimTrailing(path: string): string {
  const trimmed = path.replace(/[/\\]+$/, '');
  return trimmed === '' ? path : trimmed;
}

/** The separator a path uses: the last one in it, or "/" when it has none. */
function separatorOf(path: string): string {
  const match = /[/\\](?=[^/\\]*$)/.exec(path);
  return match ? match[0] : '/';
}

/** The last part of a path: "a/b/c.jpg" → "c.jpg", "a/b/" → "b". */
export function fileName(path: string): string {
  const parts = trimTrailing(path).split(SEPARATOR);
  return parts[parts.length - 1] ?? path;
}

/** The folder holding `path`, with no trailing separator; "" when there is none. */
function parentOf(path: string): string {
  const trimmed = trimTrailing(path);
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return cut <= 0 ? trimmed.slice(0, Math.max(cut, 0)) : trimmed.slice(0, cut);
}

/**
 * The deepest named folder holding every path, e.g. the folder that was dropped; null when the
 * paths share nothing below the root (or there are none), where showing it would not help.
 */
export function commonFolder(paths: readonly string[]): string | null {
  const [first, ...rest] = paths.map(parentOf);
  if (first === undefined) return null;
  let common = first;
  for (const parent of rest) {
    while (common !== '' && parent !== common && !startsWithFolder(parent, common)) {
      common = parentOf(common);
    }
  }
  const named = common.split(SEPARATOR).filter((part) => part !== '' && !/^[A-Za-z]:$/.test(part));
  return named.length > 0 ? common : null;
}

function startsWithFolder(path: string, folder: string): boolean {
  return path.startsWith(folder) && SEPARATOR.test(path.charAt(folder.length));
}

/** `path` relative to `folder` when it lies inside it, otherwise `path` itself. */
export function relativeTo(path: string, folder: string | null): string {
  if (folder === null || !startsWithFolder(path, folder)) return path;
  return path.slice(folder.length + 1);
}

/**
 * `path` in at most `max` characters: "…/March/Kyiv/IMG_0412.jpg". Leading folders are dropped
 * first; a file name that is too long on its own keeps its start and its extension.
 */
export function shortenPath(path: string, max = 60): string {
  if (length(path) <= max) return path;
  const separator = separatorOf(path);
  const parts = trimTrailing(path).split(SEPARATOR);
  const name = parts.pop() ?? path;
  const prefix = `${ELLIPSIS}${separator}`;
  if (length(prefix) + length(name) > max) return shortenName(name, max);
  let shown = name;
  for (let index = parts.length - 1; index >= 0; index -= 1) {
    const candidate = `${parts[index] ?? ''}${separator}${shown}`;
    if (length(prefix) + length(candidate) > max) break;
    shown = candidate;
  }
  return `${prefix}${shown}`;
}

/** "a-very-long-name.jpeg" → "a-very-l….jpeg": the start and the extension survive. */
function shortenName(name: string, max: number): string {
  const characters = Array.from(name);
  const dot = characters.lastIndexOf('.');
  const extension = dot > 0 && characters.length - dot <= 8 ? characters.slice(dot) : [];
  const keep = Math.max(1, max - extension.length - 1);
  return `${characters.slice(0, keep).join('')}${ELLIPSIS}${extension.join('')}`;
}
