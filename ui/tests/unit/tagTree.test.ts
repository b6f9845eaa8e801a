// The sidebar shows tags as a tree by "/", with each tag's own count, and suggests tags as you type.
import { describe, expect, it } from 'vitest';
import { ancestorsOf, buildTagTree, suggestTags, type TagNode } from '../../src/lib/tagTree';

const outline = (nodes: TagNode[], depth = 0): string[] =>
  nodes.flatMap((node) => [`${'  '.repeat(depth)}${node.label} (${String(node.count)}) ${node.path}`, ...outline(node.children, depth + 1)]);

describe('buildTagTree', () => {
  it('nests tags by "/", sorted, creating parents that only exist as prefixes', () => {
    const tree = buildTagTree([
      { name: 'Places/Moscow', count: 4 },
      { name: 'Events/Innovation Dialogue', count: 5 },
      { name: 'Events', count: 1 },
      { name: 'Places/Beijing', count: 2 },
      { name: 'Press release', count: 1 },
    ]);
    expect(outline(tree)).toEqual([
      'Events (1) Events',
      '  Innovation Dialogue (5) Events/Innovation Dialogue',
      'Places (0) Places',
      '  Beijing (2) Places/Beijing',
      '  Moscow (4) Places/Moscow',
      'Press release (1) Press release',
    ]);
  });

  it('keeps deep paths and the host spelling of each part', () => {
    const tree = buildTagTree([{ name: 'People/Ministers/Zhang Jianguo', count: 3 }]);
    expect(outline(tree)).toEqual([
      'People (0) People',
      '  Ministers (0) People/Ministers',
      '    Zhang Jianguo (3) People/Ministers/Zhang Jianguo',
    ]);
  });

  it('joins parts that differ only in case, as the host does', () => {
    const tree = buildTagTree([
      { name: 'Places/Moscow', count: 1 },
      { name: 'places/Kyiv', count: 2 },
    ]);
    expect(tree).toHaveLength(1);
    expect(tree[0]?.children.map((child) => child.path)).toEqual(['Places/Kyiv', 'Places/Moscow']);
  });

  it('sorts Chinese and Russian tags without breaking, and numbers by value', () => {
    const tree = buildTagTree([
      { name: 'Год 2019', count: 1 },
      { name: '创新', count: 1 },
      { name: 'Event 10', count: 1 },
      { name: 'Event 9', count: 1 },
    ]);
    expect(tree.map((node) => node.label).slice(0, 2)).toEqual(['Event 9', 'Event 10']);
    expect(tree).toHaveLength(4);
  });

  it('is empty for no tags', () => {
    expect(buildTagTree([])).toEqual([]);
  });
});

describe('ancestorsOf', () => {
  it('lists the tag and those above it, top first', () => {
    expect(ancestorsOf('Places/Russia/Moscow')).toEqual(['Places', 'Places/Russia', 'Places/Russia/Moscow']);
  });
});

describe('suggestTags', () => {
  const tags = [
    { name: 'Places/Moscow', count: 4 },
    { name: 'Press release', count: 9 },
    { name: 'Events/Innovation Dialogue', count: 5 },
    { name: 'People/Minister', count: 2 },
  ];

  it('puts tags starting with the text first, then tags with a part starting so, then the rest', () => {
    expect(suggestTags(tags, 'p', []).map((tag) => tag.name)).toEqual(['Press release', 'Places/Moscow', 'People/Minister']);
    expect(suggestTags(tags, 'mos', []).map((tag) => tag.name)).toEqual(['Places/Moscow']);
    expect(suggestTags(tags, 'dialog', []).map((tag) => tag.name)).toEqual(['Events/Innovation Dialogue']);
  });

  it('ignores case and leaves out tags the item already has', () => {
    expect(suggestTags(tags, 'PRESS', ['press release']).map((tag) => tag.name)).toEqual([]);
  });

  it('suggests the most used tags for empty text, up to the limit', () => {
    expect(suggestTags(tags, '', [], 2).map((tag) => tag.name)).toEqual(['Press release', 'Events/Innovation Dialogue']);
  });
});
