// Dragging rows of a collection gives the host the complete new order.
import { describe, expect, it } from 'vitest';
import { moveItems, orderChanged } from '../../src/lib/reorder';

describe('moveItems', () => {
  const order = [1, 2, 3, 4, 5];

  it('moves an item down, before the row it was dropped on', () => {
    expect(moveItems(order, [2], 4)).toEqual([1, 3, 4, 2, 5]);
  });

  it('moves an item up', () => {
    expect(moveItems(order, [4], 1)).toEqual([1, 4, 2, 3, 5]);
  });

  it('moves to the very start and the very end', () => {
    expect(moveItems(order, [3], 0)).toEqual([3, 1, 2, 4, 5]);
    expect(moveItems(order, [1], 5)).toEqual([2, 3, 4, 5, 1]);
  });

  it('moves several items together, keeping their order among themselves', () => {
    expect(moveItems(order, [5, 1], 3)).toEqual([2, 3, 1, 5, 4]);
  });

  it('dropping an item just before or after itself changes nothing', () => {
    expect(moveItems(order, [3], 2)).toEqual(order);
    expect(moveItems(order, [3], 3)).toEqual(order);
    expect(orderChanged(order, moveItems(order, [3], 3))).toBe(false);
  });

  it('ignores moving ids that are not in the order, and clamps the target', () => {
    expect(moveItems(order, [9], 2)).toEqual(order);
    expect(moveItems(order, [2], 99)).toEqual([1, 3, 4, 5, 2]);
  });
});
