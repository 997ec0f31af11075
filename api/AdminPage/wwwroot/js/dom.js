// Builds DOM nodes from elements and text only. Strings always become text nodes, never markup, which is what the
// page's Content-Security-Policy (Trusted Types, no inline script) expects.

/**
 * h('button', { class: 'primary', onclick: save, disabled: busy }, 'Save') → <button class="primary">Save</button>.
 * Props named on* add event listeners; true sets an empty attribute; false, null and undefined leave it out.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Appends children (nodes, strings, numbers, nested arrays); null, undefined and false are skipped. */
export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
  return parent;
}

/** Replaces everything inside parent with children. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

let lastId = 0;

/** A document-unique id for label/input and aria pairs. */
export function uniqueId(prefix) {
  lastId += 1;
  return `${prefix}-${lastId}`;
}
