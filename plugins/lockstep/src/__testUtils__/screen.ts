const originalMatchMedia = window.matchMedia;

/**
 * A 390 px wide screen, as a phone has: every `max-width` media query matches (jsdom has no
 * `matchMedia`, so without this nothing does). Undo with `restoreScreen`.
 */
export function mockPhoneScreen() {
  window.matchMedia = (query: string): MediaQueryList => ({
    matches: /max-width/.test(query),
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  });
}

export function restoreScreen() {
  window.matchMedia = originalMatchMedia;
}
