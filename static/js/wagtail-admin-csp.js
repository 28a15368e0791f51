// Wagtail's admin without inline scripts, so the Content-Security-Policy needs no 'unsafe-inline'.
//
// Where Wagtail writes an inline script to start a widget or panel, Ladder leaves the same set-up
// as data (templates/wagtailadmin/ for the date, time and inline-panel templates, and
// config/wagtail_admin_csp.py for every chooser widget):
//   <script type="application/json" data-ladder-init="NAME" data-ladder-call="new|call">[arguments]</script>
// This file runs each one once, as Wagtail's script would have: new NAME(...arguments), or
// NAME(...arguments). Only the names below may be run, so markup cannot call anything else.
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
  const RUNNABLE = new Set([
    "initDateChooser",
    "initDateTimeChooser",
    "initTimeChooser",
    "InlinePanel",
    "MultipleChooserPanel",
    "Chooser",
    "PageChooser",
    "DocumentChooser",
    "ImageChooser",
    "SnippetChooser",
    "createTaskChooser",
  ]);

  function start(node) {
    if (node.dataset.ladderStarted) return;
    const name = node.dataset.ladderInit;
    if (!RUNNABLE.has(name) || typeof window[name] !== "function") return;
    node.dataset.ladderStarted = "1";
    const args = JSON.parse(node.textContent);
    if (node.dataset.ladderCall === "new") new window[name](...args); // eslint-disable-line no-new
    else window[name](...args);
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
