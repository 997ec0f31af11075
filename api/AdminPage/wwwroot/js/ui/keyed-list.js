// Keeps a list element's children in step with data without rebuilding them: a view per key is created once,
// updated in place and moved only when the order changes, so an input being typed into keeps its focus and value.

/**
 * @param list the element whose children are the views
 * @param views Map key → view ({ element, update(item) }), kept by the caller between calls
 * @param create item → view
 */
export function syncKeyedList(list, views, items, keyOf, create) {
  const wanted = items.map((item) => {
    const key = keyOf(item);
    let view = views.get(key);
    if (!view) {
      view = create(item);
      views.set(key, view);
    }
    view.update(item);
    return [key, view];
  });

  const keys = new Set(wanted.map(([key]) => key));
  for (const [key, view] of views) {
    if (!keys.has(key)) {
      view.element.remove();
      views.delete(key);
    }
  }

  wanted.forEach(([, view], index) => {
    const current = list.children[index] ?? null;
    if (current !== view.element) list.insertBefore(view.element, current);
  });
}
