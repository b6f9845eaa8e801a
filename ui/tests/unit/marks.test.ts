// Photo Mechanic's keys: 0–5 give stars, 6–9 a label, the same label key again takes it away.
import { describe, expect, it } from 'vitest';
import { markForKey, toggledLabel } from '../../src/lib/marks';

describe('marks', () => {
  it('reads 0–5 as stars and 6–9 as red, yellow, green and blue', () => {
    expect(markForKey('0', false)).toEqual({ kind: 'rating', rating: 0 });
    expect(markForKey('5', false)).toEqual({ kind: 'rating', rating: 5 });
    expect(markForKey('6', false)).toEqual({ kind: 'label', label: 'red' });
    expect(markForKey('9', false)).toEqual({ kind: 'label', label: 'blue' });
  });

  it('ignores other keys and keys with a modifier', () => {
    expect(markForKey('a', false)).toBeNull();
    expect(markForKey('3', true)).toBeNull();
    expect(markForKey('F5', false)).toBeNull();
  });

  it('takes a label away only when every item known already has it', () => {
    expect(toggledLabel(['red', 'red'], 'red')).toBeNull();
    expect(toggledLabel(['red', null], 'red')).toBe('red');
    expect(toggledLabel(['blue'], 'red')).toBe('red');
    expect(toggledLabel([], 'red')).toBe('red');
  });
});
