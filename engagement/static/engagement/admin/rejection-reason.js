// Choosing a rejection reason template fills the reason text, which the moderator can still edit.
document.addEventListener("change", (event) => {
  const select = event.target.closest("[data-rejection-reason-template]");
  if (!select) return;
  const form = select.closest("form");
  const text = form && form.querySelector("[data-rejection-reason-text]");
  const option = select.selectedOptions[0];
  if (text && option && option.dataset.reasonText) {
    text.value = option.dataset.reasonText;
  }
});
