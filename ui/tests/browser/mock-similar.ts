// The mock host's near-duplicates: fixed fingerprint distances between some photos of the library
// scenario (11 and 16 are copies, 4 bits apart; 19 is 14 bits from 16, a match only at a loose
// threshold), grouped and compared as the host does. Items in the Trash are left out.
import type { DuplicateGroup } from '../../src/bindings/DuplicateGroup';
import type { DuplicatesReport } from '../../src/bindings/DuplicatesReport';
import type { ItemView } from '../../src/bindings/ItemView';
import type { SimilarItem } from '../../src/bindings/SimilarItem';
import type { SimilarReport } from '../../src/bindings/SimilarReport';
import type { Thresholds } from '../../src/bindings/Thresholds';
import type { MockLibrary } from './mock-library';

const PAIRS: readonly { a: number; b: number; bits: number }[] = [
  { a: 11, b: 16, bits: 4 },
  { a: 16, b: 19, bits: 14 },
];

function live(library: MockLibrary, id: number): ItemView | null {
  const view = library.find(id);
  return view && !view.deleted ? view : null;
}

function describe(view: ItemView, bits: number): SimilarItem {
  const photo = view.kind === 'photo';
  return {
    id: view.id,
    kind: view.kind,
    title: view.title,
    sha256: view.sha256,
    width: photo ? view.width : null,
    height: photo ? view.height : null,
    similarity: 100 - Math.floor((bits * 100) / 64),
    distance: bits,
  };
}

/** The pairs both of whose photos are in the library, within the threshold. */
function close(library: MockLibrary, thresholds: Thresholds) {
  return PAIRS.filter((pair) => pair.bits <= thresholds.photo_bits && live(library, pair.a) && live(library, pair.b));
}

export function similarTo(library: MockLibrary, id: number, thresholds: Thresholds): SimilarReport {
  const view = library.show(id);
  const similar = close(library, thresholds)
    .filter((pair) => pair.a === id || pair.b === id)
    .map((pair) => ({ other: pair.a === id ? pair.b : pair.a, bits: pair.bits }))
    .map(({ other, bits }) => describe(library.show(other), bits))
    .sort((x, y) => y.similarity - x.similarity);
  return { id, thresholds, fingerprinted: view.kind === 'photo', similar };
}

export function duplicates(library: MockLibrary, thresholds: Thresholds): DuplicatesReport {
  const groups: number[][] = [];
  for (const { a, b } of close(library, thresholds)) {
    const joined = groups.filter((group) => group.includes(a) || group.includes(b));
    const merged = [...new Set([a, b, ...joined.flat()])].sort((x, y) => x - y);
    for (const group of joined) groups.splice(groups.indexOf(group), 1);
    groups.push(merged);
  }
  const result: DuplicateGroup[] = groups.map((ids) => {
    const views = ids.map((id) => library.show(id));
    const pixels = (view: ItemView) => (view.kind === 'photo' ? (view.width ?? 0) * (view.height ?? 0) : 0);
    const keep = views.reduce((best, view) => (pixels(view) > pixels(best) ? view : best));
    const bitsTo = (id: number) => PAIRS.find((p) => (p.a === id && p.b === keep.id) || (p.b === id && p.a === keep.id))?.bits ?? 0;
    const items = views.map((view) => describe(view, view.id === keep.id ? 0 : bitsTo(view.id)));
    items.sort((x, y) => Number(x.id !== keep.id) - Number(y.id !== keep.id) || y.similarity - x.similarity);
    return { kind: 'photo', keep: keep.id, items };
  });
  return { thresholds, groups: result, pending: 0 };
}
