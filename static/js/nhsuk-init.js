// Start the NHS.UK frontend's components (header menu, skip link, error summary, and so on) on
// every page. A file of its own, not an inline script, so the Content-Security-Policy needs no
// 'unsafe-inline' (docs/operations.md, "Security headers").
import { initAll } from "../wagtailnhsukfrontend/js/nhsuk-frontend-10.4.2.min.js";

initAll();

// Bars whose length is data (poll results): the width comes from data-percent and is set through
// the CSS object model, which the policy allows, instead of a style="" attribute, which it refuses.
for (const bar of document.querySelectorAll("[data-percent]")) {
  bar.style.width = `${Number(bar.dataset.percent) || 0}%`;
}
