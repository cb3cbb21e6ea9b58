// Lookups in arrays sorted by an offset: body segments, paragraph spans.

/**
 * Index of the last item whose key is at or before `target`, by binary search over items sorted
 * by key; 0 when there is none (also for an empty array, so callers check the item they get).
 */
export function lastAtOrBefore<T>(items: readonly T[], key: (item: T) => number, target: number): number {
  let lo = 0
  let hi = items.length - 1
  let hit = 0
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (key(items[mid]!) <= target) {
      hit = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return hit
}
