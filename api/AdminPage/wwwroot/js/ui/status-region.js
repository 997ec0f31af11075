// The page's one aria-live region: short messages about what just happened, read out by screen readers.

export class StatusRegion {
  #element;
  #timer = null;

  constructor(element) {
    this.#element = element;
  }

  /** tone: 'info' | 'ok' | 'warn' | 'error'. The same message twice is announced twice. */
  say(message, tone = 'info') {
    clearTimeout(this.#timer);
    this.#element.textContent = '';
    this.#element.className = `status status-${tone}`;
    this.#timer = setTimeout(() => { this.#element.textContent = message; }, 50);
  }
}
