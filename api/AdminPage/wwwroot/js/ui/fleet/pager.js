// Previous and next buttons for one paged list of the fleet view, with where the page sits in the whole:
// "Runtimes 101–200 of 1,234".

import { h } from '../../dom.js';

export class Pager {
  #noun;
  #position = h('p', { class: 'pager-position', 'aria-live': 'polite' });
  #previous;
  #next;

  /** @param onTurn step (+1 or -1) → Promise */
  constructor(noun, onTurn) {
    this.#noun = noun;
    this.#previous = h('button', { type: 'button', onclick: () => onTurn(-1) }, 'Previous page');
    this.#next = h('button', { type: 'button', onclick: () => onTurn(1) }, 'Next page');
    this.element = h('nav', { class: 'pager', 'aria-label': `${noun} pages` }, this.#previous, this.#position, this.#next);
  }

  update(cursor, shown, total) {
    const first = shown === 0 ? 0 : cursor.offset + 1;
    const number = (n) => n.toLocaleString('en');
    this.#position.textContent = `${this.#noun} ${number(first)}\u2013${number(cursor.offset + shown)} of ${number(total)}`;
    this.#previous.disabled = !cursor.hasPrevious;
    this.#next.disabled = !cursor.next;
    this.element.hidden = !cursor.hasPrevious && !cursor.next;
  }
}
