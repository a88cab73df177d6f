import type { Page } from 'playwright-core';

/**
 * What is wrong with a comparison row on the projector (compare-row-screen.svelte), as the room would see
 * it: card text smaller than `least` px, a heading, card or note outside the window or over another one,
 * or a scrollbar anywhere (nobody scrolls a projector). Empty when the row reads well.
 */
export function rowScreenProblems(page: Page, least = 24): Promise<string[]> {
  return page.evaluate((least) => {
    const problems: string[] = [];
    const screen = document.querySelector<HTMLElement>('[data-testid="row-screen"]');
    if (!screen) return ['no row screen'];
    const parts = [...screen.querySelectorAll<HTMLElement>('h2, h3, [data-testid="card"], .none')];
    const name = (el: HTMLElement) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    const boxes = parts.map((el) => ({ el, box: el.getBoundingClientRect() }));
    for (const { el, box } of boxes) {
      if (box.left < 0 || box.top < 0 || box.right > window.innerWidth + 0.5 || box.bottom > window.innerHeight + 0.5) problems.push(`${name(el)} outside the window`);
    }
    boxes.forEach((a, i) => {
      for (const b of boxes.slice(i + 1)) {
        const overlap = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left) > 0.5 && Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top) > 0.5;
        if (overlap) problems.push(`${name(a.el)} over ${name(b.el)}`);
      }
    });
    for (const text of screen.querySelectorAll<HTMLElement>('[data-testid="card"] .text')) {
      const size = parseFloat(getComputedStyle(text).fontSize);
      if (size < least) problems.push(`${name(text)} at ${size} px`);
    }
    const scrolled = [document.documentElement, screen, ...[...document.querySelectorAll<HTMLElement>('[data-testid="spotlight"]')]];
    for (const el of scrolled) {
      const height = el === document.documentElement ? window.innerHeight : el.clientHeight;
      const width = el === document.documentElement ? window.innerWidth : el.clientWidth;
      if (el.scrollHeight > height + 1 || el.scrollWidth > width + 1) problems.push(`${el.dataset.testid ?? 'page'} scrolls (${el.scrollWidth}x${el.scrollHeight} in ${width}x${height})`);
    }
    return problems;
  }, least);
}
