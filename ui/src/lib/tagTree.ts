// Builds the sidebar's tag tree from the host's flat tag list, splitting names on "/".
import type { TagCount } from '../bindings/TagCount';

export type TagNode = {
  /** The last part of the name, as shown: "Moscow" for "Places/Moscow". */
  label: string;
  /** The full tag, as the host knows it. */
  path: string;
  /** Items with exactly this tag; 0 for a parent no item carries itself. */
  count: number;
  children: TagNode[];
};

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * The tree of tags; a parent that exists only as a prefix ("Places" of "Places/Moscow") is made
 * with count 0. Parts are matched case-insensitively, as the host's tags are unique that way.
 */
export function buildTagTree(tags: readonly TagCount[]): TagNode[] {
  const roots: TagNode[] = [];
  for (const tag of tags) {
    const parts = tag.name.split('/').map((part) => part.trim()).filter((part) => part !== '');
    let level = roots;
    let path = '';
    parts.forEach((part, index) => {
      let node = level.find((candidate) => candidate.label.toLowerCase() === part.toLowerCase());
      if (!node) {
        node = { label: part, path: path === '' ? part : `${path}/${part}`, count: 0, children: [] };
        level.push(node);
      }
      // The first spelling seen names the branch, so its children hang under one path.
      path = node.path;
      if (index === parts.length - 1) node.count += tag.count;
      level = node.children;
    });
  }
  sortTree(roots);
  return roots;
}

function sortTree(nodes: TagNode[]): void {
  nodes.sort((a, b) => collator.compare(a.label, b.label));
  for (const node of nodes) sortTree(node.children);
}

/** The tag and the tags above it: "Places/Moscow" → ["Places", "Places/Moscow"]. */
export function ancestorsOf(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, index) => parts.slice(0, index + 1).join('/'));
}

/** Tags whose name contains `text` (case-insensitive), best first: prefix of a part, then anywhere. */
export function suggestTags(tags: readonly TagCount[], text: string, exclude: readonly string[], limit = 8): TagCount[] {
  const wanted = text.trim().toLocaleLowerCase();
  const taken = new Set(exclude.map((tag) => tag.toLocaleLowerCase()));
  const rank = (name: string): number => {
    const lower = name.toLocaleLowerCase();
    if (wanted === '') return 1;
    if (lower.startsWith(wanted)) return 0;
    if (lower.split('/').some((part) => part.startsWith(wanted))) return 1;
    return lower.includes(wanted) ? 2 : -1;
  };
  return tags
    .filter((tag) => !taken.has(tag.name.toLocaleLowerCase()))
    .map((tag) => ({ tag, rank: rank(tag.name) }))
    .filter(({ rank: r }) => r >= 0)
    .sort((a, b) => a.rank - b.rank || b.tag.count - a.tag.count || collator.compare(a.tag.name, b.tag.name))
    .slice(0, limit)
    .map(({ tag }) => tag);
}
