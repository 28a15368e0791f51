// Small helpers the live room's modules share: finding and building elements, keeping lists in
// place, wording counts, message ids and session storage.

export function $(id) {
  return document.getElementById(id);
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name === "style") node.style.cssText = value; // CSSOM: allowed by the CSP, a style attribute is not
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}


// Keep list items in place (so focus stays) and replace only those whose content changed.
export function syncList(list, items, build, emptyText) {
  const wanted = items.map((item) => {
    const node = build(item);
    node.dataset.key = String(item.id);
    return node;
  });
  const current = new Map([...list.children].filter((n) => n.dataset.key).map((n) => [n.dataset.key, n]));
  const keys = new Set(wanted.map((w) => w.dataset.key));
  for (const node of [...list.children]) if (!node.dataset.key || !keys.has(node.dataset.key)) node.remove();
  let previous = null;
  for (const node of wanted) {
    const existing = current.get(node.dataset.key);
    let placed = existing;
    if (existing && existing.isConnected) {
      if (existing.dataset.sig !== node.dataset.sig) {
        const focusedName = existing.contains(document.activeElement) ? document.activeElement.dataset.focus : null;
        if (existing.querySelector(".lab-edit-form")) {
          // Someone is editing this idea: leave their form alone.
        } else {
          existing.replaceWith(node);
          placed = node;
          if (focusedName) {
            const again = node.querySelector(`[data-focus="${focusedName}"]`);
            const target = again && !again.disabled ? again : node.querySelector(".lab-idea__text, p");
            if (target) {
              if (target !== again) target.setAttribute("tabindex", "-1");
              target.focus();
            }
          }
        }
      }
    } else {
      placed = node;
    }
    const expectedNext = previous ? previous.nextElementSibling : list.firstElementChild;
    if (expectedNext !== placed) list.insertBefore(placed, expectedNext);
    previous = placed;
  }
  if (!wanted.length) list.append(el("li", { class: "lab-empty", text: emptyText }));
}

export function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

export function newId() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export function storage(key, value) {
  try {
    if (value === undefined) return window.sessionStorage.getItem(key);
    window.sessionStorage.setItem(key, value);
  } catch (error) {
    // Private modes may refuse storage; memory is enough then.
  }
  return null;
}
