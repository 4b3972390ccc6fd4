import { onUnmounted, ref, type Ref } from 'vue'

// The width below which a screen is laid out for a phone or a tablet held
// upright: lists become cards, the header folds into a menu. One number for
// every screen, so they change together as the tablet turns.
export const narrowBelow = 760

// useNarrow follows the window: true while it is at most narrowBelow px wide.
export function useNarrow(maxWidth = narrowBelow): Ref<boolean> {
  const query = window.matchMedia(`(max-width: ${maxWidth}px)`)
  const narrow = ref(query.matches)
  const follow = () => { narrow.value = query.matches }
  query.addEventListener('change', follow)
  onUnmounted(() => query.removeEventListener('change', follow))
  return narrow
}
