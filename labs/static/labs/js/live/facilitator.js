// The facilitator's panel: the merge lists and hidden ideas, and the forms for stages and
// timers, announcements, merging, polls, agreed actions and closing the session.

import { $, el, plural, syncList } from "./dom.js";
import { sortedIdeas } from "./participant.js";


export function renderFacilitator(room) {
  const ideas = sortedIdeas(room);
  for (const [id, keepValue] of [["lab-merge-from", false], ["lab-merge-into", true]]) {
    const select = $(id);
    if (!select) continue;
    const chosen = select.value;
    const signature = JSON.stringify(ideas.map((i) => [i.id, i.text]));
    if (select.dataset.sig === signature) continue;
    select.dataset.sig = signature;
    select.replaceChildren(el("option", { value: "", text: keepValue ? "Choose the idea to keep" : "Choose the duplicate" }));
    for (const idea of ideas) {
      const label = idea.text.length > 80 ? `${idea.text.slice(0, 80)}…` : idea.text;
      select.append(el("option", { value: String(idea.id), text: `${label} (${plural(idea.votes || 0, "vote", "votes")})` }));
    }
    select.value = chosen;
  }
  const hiddenList = $("lab-hidden-ideas");
  if (hiddenList) {
    syncList(hiddenList, [...room.hiddenIdeas.values()], (idea) => {
      const item = el("li", { class: "lab-idea" }, el("p", { class: "lab-idea__text", text: idea.text }), el("button", { type: "button", class: "lab-button lab-button--secondary", "data-focus": "show", onclick: () => room.send({ type: "idea.show", idea_id: idea.id }) }, "Show again", el("span", { class: "nhsuk-u-visually-hidden", text: `: ${idea.text.slice(0, 40)}` })));
      item.dataset.sig = idea.text;
      return item;
    }, "No hidden ideas.");
  }
}

export function bindFacilitatorForms(room) {
  const fail = (error) => room.showError(error.message);
  const onSubmit = (id, handler) => {
    const form = $(id);
    if (!form) return;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      room.clearError("lab-facilitator-error");
      handler(form);
    });
  };
  onSubmit("lab-stage-form", () => {
    const message = { type: "stage.set", stage: $("lab-stage-select").value };
    const minutes = parseInt($("lab-stage-minutes").value, 10);
    if (minutes) message.minutes = minutes;
    room.send(message, { onError: fail });
  });
  onSubmit("lab-announce-form", () => {
    const text = $("lab-announce-text").value.trim();
    if (!text) return room.showError("Enter the announcement");
    room.send({ type: "announce", text }, { onError: fail });
    $("lab-announce-text").value = "";
  });
  onSubmit("lab-merge-form", () => {
    const from = Number($("lab-merge-from").value);
    const into = Number($("lab-merge-into").value);
    if (!from || !into) return room.showError("Choose the duplicate idea and the idea to keep");
    if (from === into) return room.showError("Choose two different ideas");
    room.send({ type: "idea.merge", idea_id: from, into_id: into }, { onError: fail });
  });
  onSubmit("lab-poll-form", () => {
    const question = $("lab-poll-question").value.trim();
    const options = $("lab-poll-options").value.split("\n").map((o) => o.trim()).filter(Boolean);
    if (!question) return room.showError("Enter the poll's question");
    if (options.length < 2 || options.length > 8) return room.showError("Give between 2 and 8 answers, one on each line");
    room.send({ type: "poll.open", kind: "choice", question, options }, { onError: fail });
    $("lab-poll-question").value = "";
    $("lab-poll-options").value = "";
  });
  const ladderButton = $("lab-ladder-poll");
  if (ladderButton) {
    ladderButton.addEventListener("click", () => {
      room.clearError("lab-facilitator-error");
      room.send({ type: "poll.open", kind: "ladder", question: room.config.ladderQuestion || "How involved did you feel?" }, { onError: fail });
    });
  }
  onSubmit("lab-action-form", () => {
    const text = $("lab-action-text").value.trim();
    const owner = $("lab-action-owner").value.trim();
    const due = $("lab-action-due").value;
    if (!text || !owner) return room.showError("Enter the action and its owner");
    const message = { type: "action.record", text, owner };
    if (due) message.due_on = due;
    room.send(message, { onError: fail });
    $("lab-action-text").value = "";
    $("lab-action-owner").value = "";
    $("lab-action-due").value = "";
  });
  onSubmit("lab-close-form", () => {
    const confirm = $("lab-close-confirm");
    if (!confirm.checked) return room.showError("Tick the box to confirm that you want to close the session");
    room.send({ type: "session.close" }, { onError: fail });
    confirm.checked = false;
  });
}
