// Where a paged list is: the path of the page shown, the pages before it (to go back), and the next page's path as
// the last answer's Link header named it. Pages are cut by id, so every page before the last is full.

export class PageCursor {
  #first;
  #before = [];
  #current;
  next = null;

  constructor(path, pageSize) {
    this.pageSize = pageSize;
    this.#first = `${path}?limit=${pageSize}`;
    this.#current = this.#first;
  }

  get path() { return this.#current; }

  /** How many items the pages before this one hold. */
  get offset() { return this.#before.length * this.pageSize; }

  get hasPrevious() { return this.#before.length > 0; }

  forward() {
    if (!this.next) return false;
    this.#before.push(this.#current);
    this.#current = this.next;
    this.next = null;
    return true;
  }

  back() {
    if (!this.hasPrevious) return false;
    this.#current = this.#before.pop();
    this.next = null;
    return true;
  }

  /** Back to the first page: a page that came back empty has nothing after it any more. */
  restart() {
    this.#before = [];
    this.#current = this.#first;
    this.next = null;
  }
}
