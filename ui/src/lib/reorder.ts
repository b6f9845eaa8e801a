// Moves dragged items within a collection's order, giving the complete new order the host wants.

/**
 * `order` with `moving` taken out and put back, in their current relative order, before the item
 * that was at `before` (an index into `order`; `order.length` puts them at the end).
 */
export function moveItems(order: readonly number[], moving: readonly number[], before: number): number[] {
  const movingSet = new Set(moving);
  const kept = order.filter((id) => !movingSet.has(id));
  const moved = order.filter((id) => movingSet.has(id));
  // Where `before` lands once the moving items are out of the way.
  let at = order.slice(0, Math.max(0, Math.min(before, order.length))).filter((id) => !movingSet.has(id)).length;
  at = Math.min(at, kept.length);
  return [...kept.slice(0, at), ...moved, ...kept.slice(at)];
}

/** Whether the new order differs from the old one. */
export function orderChanged(before: readonly number[], after: readonly number[]): boolean {
  return before.length !== after.length || before.some((id, index) => after[index] !== id);
}
