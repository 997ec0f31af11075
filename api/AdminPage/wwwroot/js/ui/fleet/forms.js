// Labelled fields for the fleet view's forms.

import { h, uniqueId } from '../../dom.js';

/** A labelled required text input with an optional hint; answers { element, input }. */
export function field(label, { pattern, placeholder, hint } = {}) {
  const id = uniqueId('fleet-field');
  const hintId = hint ? `${id}-hint` : null;
  const input = h('input', { id, type: 'text', required: true, autocomplete: 'off', spellcheck: 'false', pattern, placeholder, 'aria-describedby': hintId });
  return {
    input,
    element: h('div', { class: 'form-field' }, h('label', { for: id }, label), input, hint ? h('p', { class: 'hint', id: hintId }, hint) : null),
  };
}
