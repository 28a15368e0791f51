// Wagtail's admin without inline scripts, so the Content-Security-Policy needs no 'unsafe-inline'.
//
// Ladder's copies of Wagtail's date, time and inline-panel templates (templates/wagtailadmin/)
// leave their set-up as data, <script type="application/json" data-ladder-init="NAME">, where
// Wagtail wrote an inline script. This file runs each one once, as Wagtail's script would have:
//   initDateChooser / initDateTimeChooser / initTimeChooser (element id, options)
//   new InlinePanel(options) / new MultipleChooserPanel(options)
// Panels and widgets added later (a new inline form, a modal) are picked up as they appear.
//
// The rich text editor (Draftail) adds <style> elements of its own (placeholders, list numbering).
// Ladder's copy of admin_base.html gives this script the response's nonce, and every <style> that
// a script creates carries it; <style> written into the page's markup still needs the nonce.
(() => {
  const script = document.currentScript;
  const nonce = script && script.dataset.cspNonce;
  if (nonce) {
    script.removeAttribute("data-csp-nonce");
    const createElement = Document.prototype.createElement;
    Document.prototype.createElement = function (tagName, options) {
      const element = createElement.call(this, tagName, options);
      if (String(tagName).toLowerCase() === "style") element.nonce = nonce;
      return element;
    };
  }
})();

(() => {
  const WIDGETS = new Set(["initDateChooser", "initDateTimeChooser", "initTimeChooser"]);
  const PANELS = new Set(["InlinePanel", "MultipleChooserPanel"]);

  function start(node) {
    if (node.dataset.ladderStarted) return;
    const name = node.dataset.ladderInit;
    const run = window[name];
    if (typeof run !== "function") return;
    // The empty form that an inline panel copies for "Add" holds placeholders: only copies start.
    if (node.closest("template")) return;
    node.dataset.ladderStarted = "1";
    const options = JSON.parse(node.textContent);
    if (WIDGETS.has(name)) run(node.dataset.for, options);
    else if (PANELS.has(name)) new run(options); // eslint-disable-line no-new
  }

  function startAll(root) {
    if (root.matches && root.matches("script[data-ladder-init]")) start(root);
    if (root.querySelectorAll) root.querySelectorAll("script[data-ladder-init]").forEach(start);
  }

  function watch() {
    startAll(document);
    new MutationObserver((changes) => {
      for (const change of changes) change.addedNodes.forEach(startAll);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
})();
