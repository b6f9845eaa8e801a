// Ratings and colour labels as press photographers give them: the keys of Photo Mechanic's
// scheme (0–5 stars, 6–9 red, yellow, green, blue; purple has no key) and what pressing one does.
import type { Label } from '../bindings/Label';
import type { MessageKey } from '../i18n/translate';

export const MAX_RATING = 5;

/** Every label, in the order the tools that write them list them. */
export const LABELS: readonly Label[] = ['red', 'yellow', 'green', 'blue', 'purple'];

const LABEL_KEYS: Readonly<Record<string, Label>> = { '6': 'red', '7': 'yellow', '8': 'green', '9': 'blue' };

/** What a key press asks for: stars, a label, or nothing Folio marks with. */
export type MarkKey = { kind: 'rating'; rating: number } | { kind: 'label'; label: Label } | null;

/** The mark a key gives: `0`–`5` stars, `6`–`9` a label; anything else (and any modifier) none. */
export function markForKey(key: string, modified: boolean): MarkKey {
  if (modified || key.length !== 1) return null;
  const label = LABEL_KEYS[key];
  if (label) return { kind: 'label', label };
  if (key >= '0' && key <= String(MAX_RATING)) return { kind: 'rating', rating: Number(key) };
  return null;
}

/** A label key pressed again takes the label away: when every item known has it already, none;
 * otherwise the label. */
export function toggledLabel(current: readonly (Label | null)[], pressed: Label): Label | null {
  return current.length > 0 && current.every((label) => label === pressed) ? null : pressed;
}

const LABEL_NAMES: Readonly<Record<Label, MessageKey>> = {
  red: 'label.red',
  yellow: 'label.yellow',
  green: 'label.green',
  blue: 'label.blue',
  purple: 'label.purple',
};

/** The name of a label, for people (and screen readers). */
export function labelName(label: Label): MessageKey {
  return LABEL_NAMES[label];
}
