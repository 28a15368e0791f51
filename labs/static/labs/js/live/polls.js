// Polls in both views: each poll's results, with answer buttons in the room and the latest
// poll alone on the presenter screen.

import { $, el, plural, syncList } from "./dom.js";


export function pollBlock(room, poll, presenter) {
  const s = room.state;
  const mine = (s.you.my_answers || {})[poll.id];
  const total = poll.total || 0;
  const counts = poll.counts || [];
  const ladder = poll.kind === "ladder";
  const labels = (poll.options || []).map((option, index) => {
    if (ladder && room.config.rungs && room.config.rungs[index]) return room.config.rungs[index].label;
    return option;
  });
  const rows = labels.map((label, index) => {
    const count = counts[index] || 0;
    const percent = total ? Math.round((100 * count) / total) : 0;
    const bar = el("span", { class: "lab-results__bar", "aria-hidden": "true" }, el("span", { style: `width: ${percent}%` }));
    return el(
      "li",
      { class: "lab-results__row" },
      el("span", { class: "lab-results__label", text: label }),
      el("span", { class: "lab-results__count", text: `${count} (${percent}%)${mine === index ? " – your answer" : ""}` }),
      bar,
    );
  });
  const headingId = `lab-poll-${poll.id}-heading`;
  const block = el(
    "div",
    { class: "lab-poll", "data-poll-id": poll.id },
    el("h3", { class: "nhsuk-heading-s", id: headingId }, poll.question, poll.open ? "" : " ", poll.open ? null : el("span", { class: "lab-tag", text: "Closed" })),
  );
  if (!presenter && poll.open && !s.session.closed) {
    const group = el("div", { class: "lab-poll__choices", role: "group", "aria-labelledby": headingId });
    labels.forEach((label, index) => {
      group.append(el("button", {
        type: "button", class: `lab-button${mine === index ? "" : " lab-button--secondary"}`, "aria-pressed": mine === index ? "true" : "false", "data-focus": `choice-${index}`,
        onclick: () => room.send({ type: "poll.answer", poll_id: poll.id, choice: index }),
      }, label));
    });
    block.append(group);
  }
  block.append(el("ul", { class: "lab-results", "aria-label": `Results: ${poll.question}` }, rows));
  block.append(el("p", { class: "lab-results__total", text: plural(total, "answer", "answers") }));
  if (!presenter && room.config.facilitator && poll.open && !s.session.closed) {
    block.append(el("button", { type: "button", class: "lab-button lab-button--secondary", "data-focus": "close-poll", onclick: () => room.send({ type: "poll.close", poll_id: poll.id }) }, "Close this poll"));
  }
  block.dataset.sig = JSON.stringify([poll.open, counts, total, mine, s.session.closed]);
  return block;
}


export function renderPolls(room, presenter) {
  const container = $("lab-polls");
  if (!container) return;
  let polls = [...room.state.polls.values()].sort((a, b) => b.id - a.id);
  if (presenter) {
    const open = polls.filter((p) => p.open);
    polls = (open.length ? open : polls).slice(0, 1);
  }
  syncList(container, polls, (poll) => pollBlock(room, poll, presenter), presenter ? "No poll yet." : "No polls yet.");
  // syncList adds an <li> for an empty list; in this container use a paragraph.
  const empty = container.querySelector("li.lab-empty");
  if (empty) empty.replaceWith(el("p", { class: "lab-empty", text: empty.textContent }));
}
