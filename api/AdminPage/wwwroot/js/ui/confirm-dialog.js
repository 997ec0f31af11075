// Asks before a change that cannot be taken back, in a modal <dialog>: Escape or Cancel says no, and the
// cancel button has the focus first, so an accidental Enter does nothing. A change that needs a reason asks for it
// in the same dialog and goes ahead only with one.

import { h, uniqueId } from '../dom.js';

/** Resolves true when the user confirms. */
export async function confirmAction({ title, message, confirmLabel }) {
  return (await openDialog({ title, message, confirmLabel })) !== null;
}

/** Resolves to the reason the user typed, trimmed, or null when they cancel. */
export function askForReason({ title, message, label, confirmLabel, maxLength }) {
  const id = uniqueId('reason');
  const input = h('textarea', { id, rows: '3', maxlength: String(maxLength), required: true });
  const field = h('div', { class: 'field' }, h('label', { for: id }, label), input);
  return openDialog({ title, message, confirmLabel, field, read: () => input.value.trim() || null, focus: input });
}

function openDialog({ title, message, confirmLabel, field = null, read = () => '', focus = null }) {
  return new Promise((resolve) => {
    const cancel = h('button', { type: 'button', value: 'cancel', autofocus: focus === null }, 'Cancel');
    const confirm = h('button', { type: 'button', value: 'confirm', class: 'danger' }, confirmLabel);
    const problem = h('p', { class: 'row-message tone-error', role: 'alert', hidden: true });
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-message' },
      h('h2', { id: 'confirm-title' }, title),
      h('p', { id: 'confirm-message' }, message),
      field,
      problem,
      h('div', { class: 'actions' }, cancel, confirm));
    let answer = null;
    cancel.addEventListener('click', () => dialog.close('cancel'));
    confirm.addEventListener('click', () => {
      answer = read();
      if (answer === null) {
        problem.hidden = false;
        problem.textContent = 'Write a reason first.';
        focus?.focus();
        return;
      }
      dialog.close('confirm');
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'confirm' ? answer : null);
    });
    document.body.append(dialog);
    dialog.showModal();
    focus?.focus();
  });
}
