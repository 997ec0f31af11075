// Asks before a change that cannot be taken back, in a modal <dialog>: Escape or Cancel says no, and the
// cancel button has the focus first, so an accidental Enter does nothing.

import { h } from '../dom.js';

/** Resolves true when the user confirms. */
export function confirmAction({ title, message, confirmLabel }) {
  return new Promise((resolve) => {
    const cancel = h('button', { type: 'button', value: 'cancel', autofocus: true }, 'Cancel');
    const confirm = h('button', { type: 'button', value: 'confirm', class: 'danger' }, confirmLabel);
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-message' },
      h('h2', { id: 'confirm-title' }, title),
      h('p', { id: 'confirm-message' }, message),
      h('div', { class: 'actions' }, cancel, confirm));
    cancel.addEventListener('click', () => dialog.close('cancel'));
    confirm.addEventListener('click', () => dialog.close('confirm'));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'confirm');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
