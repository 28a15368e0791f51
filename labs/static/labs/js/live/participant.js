// The participant's room: the idea boards, questions, announcements and agreed actions, and the
// forms for posting ideas and questions. Facilitators see the same, with their buttons on ideas
// and questions (facilitator.js has their own panel).

import { $, el, plural, syncList } from "./dom.js";
import { renderPolls } from "./polls.js";

export const MAX_TEXT = 500;

export function renderParticipant(room) {
  renderForms(room);
  renderBoards(room);
  renderQuestions(room);
  renderPolls(room, false);
  renderAnnouncements(room);
  renderActions(room);
}


export function renderForms(room) {
  const s = room.state;
  const closed = s.session.closed || s.session.stage === "closed";
  const ideasOpen = !closed && room.stage() === "ideas";
  const ideaForm = $("lab-idea-form");
  if (ideaForm) ideaForm.hidden = !ideasOpen;
  const note = $("lab-ideas-note");
  if (note) {
    if (closed) note.textContent = "The session is closed: the room is read-only.";
    else if (room.stage() === "voting") note.textContent = "Vote for the ideas you think matter most.";
    else if (ideasOpen) note.textContent = "";
    else note.textContent = "You can post ideas during the Share ideas stage.";
  }
  const votesLeft = $("lab-votes-left");
  if (votesLeft) {
    votesLeft.hidden = room.stage() !== "voting" || closed;
    votesLeft.textContent = `You have ${plural(s.you.votes_left ?? 0, "vote", "votes")} left.`;
  }
  const questionForm = $("lab-question-form");
  if (questionForm) questionForm.hidden = closed;
  const facilitator = $("lab-facilitator");
  if (facilitator) facilitator.hidden = false;
}


export function sortedIdeas(room) {
  return [...room.state.ideas.values()].sort((a, b) => (b.pinned ? 1 : 0) - (a.pinned ? 1 : 0) || a.id - b.id);
}


export function renderBoards(room) {
  const container = $("lab-boards");
  if (!container) return;
  const themes = room.state.themes.length ? room.state.themes : [{ id: null, name: "Ideas" }];
  const ids = new Set(themes.map((t) => t.id));
  const boards = themes.map((theme) => ({ ...theme, ideas: [] }));
  const other = { id: "other", name: "Other ideas", ideas: [] };
  for (const idea of sortedIdeas(room)) {
    const board = ids.has(idea.theme_id)
      ? boards.find((b) => b.id === idea.theme_id)
      : room.state.themes.length ? other : boards[0];
    board.ideas.push(idea);
  }
  if (other.ideas.length) boards.push(other);
  if (!container.dataset.live) {
    container.replaceChildren();
    container.dataset.live = "1";
  }
  for (const board of boards) {
    const key = `board-${board.id}`;
    let section = container.querySelector(`[data-board="${key}"]`);
    if (!section) {
      const headingId = `lab-${key}-heading`;
      section = el(
        "section",
        { class: "lab-board", "data-board": key, "aria-labelledby": headingId },
        el("h3", { class: "nhsuk-heading-s", id: headingId, text: board.name }),
        el("ul", { class: "lab-ideas" }),
      );
      container.append(section);
    }
    syncList(section.querySelector("ul"), board.ideas, (idea) => ideaItem(room, idea), "No ideas yet.");
  }
}


export function ideaItem(room, idea) {
  const s = room.state;
  const closed = s.session.closed || s.session.stage === "closed";
  const stage = room.stage();
  const mine = room.myIdeas.has(idea.id);
  const myDots = (s.you.my_votes || {})[idea.id] || 0;
  const facilitator = room.config.facilitator;
  const buttons = [];
  const short = idea.text.length > 40 ? `${idea.text.slice(0, 40)}…` : idea.text;
  const hidden = (text) => el("span", { class: "nhsuk-u-visually-hidden", text });
  if (!closed && stage === "voting") {
    buttons.push(
      el("button", {
        type: "button", class: "lab-button", "data-focus": "vote", disabled: (s.you.votes_left ?? 0) <= 0,
        onclick: () => room.send({ type: "vote.cast", idea_id: idea.id }, { onError: (e) => room.showError(e.message, "lab-idea-error") }),
      }, "Vote", hidden(` for: ${short}`)),
    );
    if (myDots) {
      buttons.push(
        el("button", {
          type: "button", class: "lab-button lab-button--secondary", "data-focus": "retract",
          onclick: () => room.send({ type: "vote.retract", idea_id: idea.id }),
        }, "Take back a vote", hidden(` from: ${short}`)),
      );
    }
  }
  if (!closed && stage === "ideas" && mine) {
    buttons.push(
      el("button", { type: "button", class: "lab-button lab-button--secondary", "data-focus": "edit", onclick: (e) => editIdea(room, idea, e.currentTarget) }, "Edit", hidden(` your idea: ${short}`)),
      el("button", {
        type: "button", class: "lab-button lab-button--secondary", "data-focus": "withdraw",
        onclick: () => room.send({ type: "idea.withdraw", idea_id: idea.id }),
      }, "Withdraw", hidden(` your idea: ${short}`)),
    );
  }
  if (facilitator && !closed) {
    buttons.push(
      el("button", { type: "button", class: "lab-button lab-button--secondary", "data-focus": "pin", onclick: () => room.send({ type: "idea.pin", idea_id: idea.id, pinned: !idea.pinned }) }, idea.pinned ? "Unpin" : "Pin", hidden(`: ${short}`)),
      el("button", { type: "button", class: "lab-button lab-button--secondary", "data-focus": "hide", onclick: () => room.send({ type: "idea.hide", idea_id: idea.id }) }, "Hide", hidden(`: ${short}`)),
    );
  }
  const votes = idea.votes || 0;
  const meta = [idea.organisation || idea.author || "", plural(votes, "vote", "votes")].filter(Boolean).join(" · ");
  const item = el(
    "li",
    { class: `lab-idea${idea.pinned ? " lab-idea--pinned" : ""}`, "data-idea-id": idea.id },
    idea.pinned ? el("p", { class: "lab-idea__pin" }, el("strong", { text: "Pinned" })) : null,
    el("p", { class: "lab-idea__text", text: idea.text }),
    el("p", { class: "lab-idea__meta" }, meta, myDots ? ` · your votes: ${myDots}` : "", mine ? " · your idea" : ""),
    buttons.length ? el("div", { class: "lab-idea__buttons" }, buttons) : null,
  );
  item.dataset.sig = JSON.stringify([idea.text, idea.pinned, votes, myDots, mine, stage, closed, s.you.votes_left, idea.organisation]);
  return item;
}


export function editIdea(room, idea, button) {
  const item = button.closest("li");
  if (!item || item.querySelector(".lab-edit-form")) return;
  const fieldId = `lab-edit-${idea.id}`;
  const textarea = el("textarea", { class: "nhsuk-textarea", id: fieldId, rows: "3", maxlength: String(MAX_TEXT) });
  textarea.value = idea.text;
  const close = () => {
    form.remove();
    item.dataset.sig = "";
    room.render();
    const again = document.querySelector(`#lab-boards li[data-key="${idea.id}"]`);
    const target = again && (again.querySelector('[data-focus="edit"]') || again.querySelector(".lab-idea__text"));
    if (target) {
      if (!target.matches("button")) target.setAttribute("tabindex", "-1");
      target.focus();
    }
  };
  const form = el(
    "form",
    { class: "lab-edit-form", novalidate: true },
    el("label", { class: "nhsuk-label", for: fieldId, text: "Change your idea" }),
    textarea,
    el("div", { class: "lab-idea__buttons" },
      el("button", { type: "submit", class: "lab-button", text: "Save" }),
      el("button", { type: "button", class: "lab-button lab-button--secondary", text: "Cancel", onclick: close }),
    ),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = textarea.value.trim();
    if (!text) return;
    room.send({ type: "idea.edit", idea_id: idea.id, text }, { onError: (e) => room.showError(e.message, "lab-idea-error") });
    close();
  });
  item.append(form);
  textarea.focus();
}


export function renderQuestions(room) {
  const list = $("lab-questions");
  if (!list) return;
  const s = room.state;
  const closed = s.session.closed;
  const questions = [...s.questions.values()].sort((a, b) => (b.upvotes || 0) - (a.upvotes || 0) || a.id - b.id);
  const upvoted = new Set(s.you.upvoted || []);
  syncList(list, questions, (question) => {
    const buttons = [];
    const short = question.text.length > 40 ? `${question.text.slice(0, 40)}…` : question.text;
    if (!closed && !upvoted.has(question.id)) {
      buttons.push(el("button", { type: "button", class: "lab-button lab-button--secondary", "data-focus": "upvote", onclick: () => room.send({ type: "question.upvote", question_id: question.id }, { onError: (e) => room.showError(e.message, "lab-question-error") }) }, "Upvote", el("span", { class: "nhsuk-u-visually-hidden", text: `: ${short}` })));
    }
    if (room.config.facilitator && !closed) {
      if (!question.answered) buttons.push(el("button", { type: "button", class: "lab-button lab-button--secondary", "data-focus": "answered", onclick: () => room.send({ type: "question.answered", question_id: question.id }) }, "Mark answered", el("span", { class: "nhsuk-u-visually-hidden", text: `: ${short}` })));
      buttons.push(el("button", { type: "button", class: "lab-button lab-button--secondary", "data-focus": "qhide", onclick: () => room.send({ type: "question.hide", question_id: question.id }) }, "Hide", el("span", { class: "nhsuk-u-visually-hidden", text: ` question: ${short}` })));
    }
    const item = el(
      "li",
      { "data-question-id": question.id },
      el("p", { text: question.text }),
      el("p", { class: "lab-idea__meta" }, plural(question.upvotes || 0, "upvote", "upvotes"), upvoted.has(question.id) ? " (including yours)" : "", question.answered ? " · " : "", question.answered ? el("strong", { text: "Answered" }) : null),
      buttons.length ? el("div", { class: "lab-idea__buttons" }, buttons) : null,
    );
    item.dataset.sig = JSON.stringify([question.text, question.upvotes, question.answered, upvoted.has(question.id), closed]);
    return item;
  }, "No questions yet.");
}


export function renderAnnouncements(room) {
  const list = $("lab-announcements");
  if (!list) return;
  const items = [...room.state.announcements].sort((a, b) => b.id - a.id);
  syncList(list, items, (a) => {
    const item = el("li", { text: a.text });
    item.dataset.sig = a.text;
    return item;
  }, "No announcements yet.");
}


export function renderActions(room) {
  const list = $("lab-actions");
  if (!list) return;
  syncList(list, room.state.actions, (action) => {
    const item = el("li", {}, el("p", { text: action.text }), el("p", { class: "lab-idea__meta", text: `Owner: ${action.owner}${action.due_on ? ` · Due ${action.due_on}` : ""}` }));
    item.dataset.sig = JSON.stringify([action.text, action.owner, action.due_on]);
    return item;
  }, "No actions agreed yet.");
}


export function fieldError(room, fieldId, errorId, text) {
  const field = $(fieldId);
  const box = $(errorId);
  if (box) {
    box.hidden = false;
    box.replaceChildren(el("span", { class: "nhsuk-u-visually-hidden", text: "Error: " }), text);
  }
  if (field) {
    field.classList.add("nhsuk-textarea--error");
    field.closest(".nhsuk-form-group")?.classList.add("nhsuk-form-group--error");
    const described = new Set((field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean));
    described.add(errorId);
    field.setAttribute("aria-describedby", [...described].join(" "));
    field.focus();
  }
}


export function clearFieldError(room, fieldId, errorId) {
  const field = $(fieldId);
  room.clearError(errorId);
  if (field) {
    field.classList.remove("nhsuk-textarea--error");
    field.closest(".nhsuk-form-group")?.classList.remove("nhsuk-form-group--error");
  }
}

export function bindParticipantForms(room) {

  const ideaForm = $("lab-idea-form");
  if (ideaForm) {
    const textarea = $("lab-idea-text");
    const count = $("lab-idea-count");
    const status = $("lab-idea-status");
    const updateCount = () => {
      const left = MAX_TEXT - textarea.value.length;
      count.textContent = `You have ${plural(left, "character", "characters")} left`;
    };
    textarea.addEventListener("input", updateCount);
    ideaForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = textarea.value.trim();
      if (!text) {
        fieldError(room, "lab-idea-text", "lab-idea-error", "Enter your idea");
        return;
      }
      clearFieldError(room, "lab-idea-text", "lab-idea-error");
      const message = { type: "idea.post", text };
      const theme = $("lab-idea-theme");
      if (theme && theme.value) message.theme_id = Number(theme.value);
      status.textContent = room.connection.connected ? "Sending your idea…" : "Your idea will be sent when you are back online.";
      room.send(message, {
        onAck: () => {
          status.textContent = "Your idea is posted.";
        },
        onError: (error) => {
          status.textContent = "";
          if (!textarea.value) textarea.value = text;
          updateCount();
          fieldError(room, "lab-idea-text", "lab-idea-error", error.message || "Your idea was not posted.");
        },
      });
      textarea.value = "";
      updateCount();
      textarea.focus();
    });
  }

  const questionForm = $("lab-question-form");
  if (questionForm) {
    questionForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const textarea = $("lab-question-text");
      const text = textarea.value.trim();
      if (!text) {
        fieldError(room, "lab-question-text", "lab-question-error", "Enter your question");
        return;
      }
      clearFieldError(room, "lab-question-text", "lab-question-error");
      room.send({ type: "question.ask", text }, {
        onError: (error) => {
          if (!textarea.value) textarea.value = text;
          fieldError(room, "lab-question-text", "lab-question-error", error.message);
        },
      });
      textarea.value = "";
    });
  }
}
