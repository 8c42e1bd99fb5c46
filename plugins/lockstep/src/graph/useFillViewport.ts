import { RefObject, useLayoutEffect, useState } from 'react';

/** Below the canvas: room for the page's bottom padding. */
const BOTTOM_GAP = 24;

/** How far the page around an element is scrolled: the window and any scrolling ancestor. */
function scrolledBy(element: HTMLElement): number {
  let scrolled = window.scrollY;
  for (let at = element.parentElement; at; at = at.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(at).overflowY))
      scrolled += at.scrollTop;
  }
  return scrolled;
}

/**
 * The height that makes an element reach the bottom of the window from where it starts, at least
 * `min`, when the page is scrolled to the top: the canvas fills the rest of the viewport, with its
 * legend and controls in view. Measured
 * after every render (alerts above it come and go) and when the window changes size.
 */
export function useFillViewport(
  ref: RefObject<HTMLElement>,
  min: number,
): number {
  const [height, setHeight] = useState(min);
  useLayoutEffect(() => {
    const measure = () => {
      const element = ref.current;
      if (!element) return;
      const wanted = Math.max(
        min,
        Math.floor(
          window.innerHeight -
            element.getBoundingClientRect().top -
            scrolledBy(element) -
            BOTTOM_GAP,
        ),
      );
      setHeight(current => (Math.abs(current - wanted) > 1 ? wanted : current));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  });
  return height;
}
