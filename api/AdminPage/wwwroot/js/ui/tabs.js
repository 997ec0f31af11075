// An accessible tab strip (WAI-ARIA tabs pattern): arrow keys, Home and End move between tabs, the selected
// tab is the only one in the tab order, and the URL fragment names it so that a link or reload opens it again.

import { h } from '../dom.js';

/** @param tabs [{ id, label, panel (element) }] */
export function createTabs(tabs, label) {
  const buttons = tabs.map((tab) => h('button', {
    type: 'button',
    role: 'tab',
    id: `tab-${tab.id}`,
    'aria-controls': `panel-${tab.id}`,
    onclick: () => select(tab.id, true),
  }, tab.label));
  const strip = h('div', { role: 'tablist', 'aria-label': label, class: 'tabs', onkeydown: onKey }, buttons);
  for (const tab of tabs) {
    tab.panel.id = `panel-${tab.id}`;
    tab.panel.setAttribute('role', 'tabpanel');
    tab.panel.setAttribute('aria-labelledby', `tab-${tab.id}`);
    tab.panel.tabIndex = 0;
  }

  function select(id, fromUser) {
    const index = Math.max(0, tabs.findIndex((tab) => tab.id === id));
    tabs.forEach((tab, i) => {
      buttons[i].setAttribute('aria-selected', String(i === index));
      buttons[i].tabIndex = i === index ? 0 : -1;
      tab.panel.hidden = i !== index;
    });
    if (fromUser) history.replaceState(null, '', `#${tabs[index].id}`);
    return buttons[index];
  }

  function onKey(event) {
    const current = buttons.indexOf(document.activeElement);
    if (current < 0) return;
    const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select(tabs[(next + tabs.length) % tabs.length].id, true).focus();
  }

  select(location.hash.slice(1), false);
  return { element: strip, select };
}
