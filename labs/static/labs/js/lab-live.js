// The live room's browser client: plain ES modules, no framework, no build step.
//
// Joins /ws/labs/<id>/ (see docs/labs-protocol.md) with the last `seq` it saw, applies the
// `state` snapshot and the numbered events to the page, and shows an offline banner while the
// connection is lost. The socket itself (backoff, heartbeat, and the outbox of messages the
// server has not acknowledged, re-sent with the same `id` so each is applied once) is in
// live/connection.js. Two modes: the participant room (with facilitator controls when the page
// has them) and the big-screen presenter view.

import { LabConnection, CLOSE_NOT_ALLOWED } from "./live/connection.js";
import { $, el, newId, plural, storage } from "./live/dom.js";

const configElement = document.getElementById("lab-live-config");
const root = document.getElementById("lab-live");

const MAX_TEXT = 500;

class LiveRoom {
  constructor(config, initialState) {
    this.config = config;
    this.mode = config.mode;
    this.seqKey = `lab-live-seq-${config.sessionId}`;
    this.state = null;
    this.lastSeq = 0;
    this.catchingUp = false;
    this.missed = { ideas: 0, announcements: 0 };
    this.myIdeas = new Set();
    this.hiddenIdeas = new Map(); // facilitators: hidden ideas, to show again
    this.connection = new LabConnection({
      socketPath: config.socketPath,
      outboxKey: `lab-live-outbox-${config.sessionId}`,
      onOpen: () => this.joinRoom(),
      onMessage: (message) => this.receive(message),
      onClose: (code) => this.showOffline(code === CLOSE_NOT_ALLOWED ? "You cannot join this room. Reload the page, or sign in again." : undefined),
    });

    if (initialState && initialState.session) {
      this.applyState(initialState);
    } else {
      this.lastSeq = Number(storage(this.seqKey)) || 0;
    }
    this.bindPage();
    setInterval(() => this.renderTimer(), 1000);
    window.addEventListener("offline", () => this.goneOffline());
    window.addEventListener("online", () => this.connection.connectSoon(0));
    this.connection.connect();
  }

  // --- Connection ------------------------------------------------------------------------
  joinRoom() {
    // Replay from the last event seen (or a snapshot); the connection then re-sends the outbox.
    this.catchingUp = true;
    this.missed = { ideas: 0, announcements: 0 };
    const join = { type: "join", id: newId() };
    if (this.lastSeq > 0) join.after = this.lastSeq;
    this.connection.sendOnce(join);
  }

  goneOffline() {
    this.showOffline();
    this.connection.drop({ reconnect: false });
  }

  showOffline(text) {
    const banner = $("lab-offline");
    if (!banner) return;
    banner.textContent =
      text || "You are offline. We are trying to reconnect; anything you send will go when you are back.";
    banner.hidden = false;
  }

  hideOffline() {
    const banner = $("lab-offline");
    if (banner && !banner.hidden) {
      banner.hidden = true;
      banner.textContent = "";
    }
  }

  send(message, callbacks) {
    return this.connection.send(message, callbacks);
  }

  // --- Receiving ---------------------------------------------------------------------------
  receive(message) {
    if (message.type === "state") {
      this.applyState(message);
      this.finishCatchUp();
      return;
    }
    if (message.type === "caught_up") {
      if (typeof message.seq === "number" && message.seq > this.lastSeq) this.setSeq(message.seq);
      this.finishCatchUp();
      return;
    }
    if (message.type === "ack" || message.type === "error") {
      const entry = this.connection.settle(message.id);
      if (entry) {
        if (message.type === "ack" && entry.onAck) entry.onAck(message.result || {});
        if (message.type === "error" && entry.onError) entry.onError(message);
        else if (message.type === "error") this.showError(message.message);
        if (message.type === "ack") this.afterAck(entry.message, message.result || {});
      } else if (message.type === "error" && !message.id) {
        this.showError(message.message);
      }
      return;
    }
    if (typeof message.seq !== "number") {
      this.applyEvent(message, false);
      return;
    }
    if (message.seq <= this.lastSeq) return; // already seen
    if (message.seq > this.lastSeq + 1 && this.state) {
      // A gap: reconnect and replay from the last event we hold.
      this.connection.drop();
      return;
    }
    this.applyEvent(message, !this.catchingUp);
    this.setSeq(message.seq);
  }

  setSeq(seq) {
    this.lastSeq = seq;
    storage(this.seqKey, String(seq));
  }

  finishCatchUp() {
    const wasCatchingUp = this.catchingUp;
    this.catchingUp = false;
    const banner = $("lab-offline");
    const wasOffline = banner && !banner.hidden;
    this.hideOffline();
    if (wasCatchingUp && wasOffline) {
      const parts = ["You are back online."];
      if (this.missed.ideas) parts.push(`${plural(this.missed.ideas, "new idea", "new ideas")} while you were away.`);
      if (this.missed.announcements) parts.push(plural(this.missed.announcements, "new announcement.", "new announcements."));
      this.announce(parts.join(" "));
    }
    this.render();
  }

  applyState(state) {
    this.state = {
      session: state.session,
      themes: state.themes || [],
      ideas: new Map((state.ideas || []).map((idea) => [idea.id, idea])),
      questions: new Map((state.questions || []).map((q) => [q.id, q])),
      polls: new Map((state.polls || []).map((p) => [p.id, p])),
      announcements: state.announcements || [],
      actions: state.actions || [],
      presence: state.presence || { count: 0, organisations: [] },
      you: state.you || { votes_left: 0, my_votes: {}, my_answers: {}, upvoted: [] },
      lastVoteId: 0,
    };
    for (const idea of state.ideas || []) if (idea.mine) this.myIdeas.add(idea.id);
    if (state.hidden_ideas) this.hiddenIdeas = new Map(state.hidden_ideas.map((idea) => [idea.id, idea]));
    if (typeof state.seq === "number") this.setSeq(state.seq);
    this.render();
  }

  applyEvent(event, live) {
    const s = this.state;
    if (!s) return;
    switch (event.type) {
      case "stage.changed": {
        s.session.stage = event.stage;
        s.session.stage_ends_at = event.stage_ends_at || null;
        s.session.time_up = false;
        if (event.stage === "closed") s.session.closed = true;
        const minutes = event.stage_ends_at ? Math.round((Date.parse(event.stage_ends_at) - Date.now()) / 60000) : 0;
        this.announce(`Stage: ${this.stageName(event.stage)}.${minutes > 0 ? ` ${plural(minutes, "minute", "minutes")} on the timer.` : ""}`, live);
        break;
      }
      case "stage.time_up":
        // Told once by the server (also in a replay); the countdown may have said so already.
        if (event.stage_ends_at === s.session.stage_ends_at) {
          s.session.time_up = true;
          this.announceTimeUp(live);
        }
        break;
      case "idea.posted":
      case "idea.edited":
      case "idea.shown": {
        const known = s.ideas.has(event.idea.id);
        const previous = s.ideas.get(event.idea.id);
        const idea = { ...event.idea };
        if (previous && typeof previous.votes === "number" && event.type === "idea.edited") idea.votes = previous.votes;
        s.ideas.set(idea.id, idea);
        this.hiddenIdeas.delete(idea.id);
        if (event.type === "idea.posted" && !known) {
          if (live) this.announce(`New idea${this.themeName(idea.theme_id) ? ` on ${this.themeName(idea.theme_id)}` : ""}: ${idea.text}`);
          else this.missed.ideas += 1;
        }
        break;
      }
      case "idea.withdrawn":
      case "idea.hidden": {
        const idea = s.ideas.get(event.idea_id);
        if (idea && event.type === "idea.hidden" && this.config.facilitator) this.hiddenIdeas.set(idea.id, idea);
        s.ideas.delete(event.idea_id);
        break;
      }
      case "idea.pinned": {
        const idea = s.ideas.get(event.idea_id);
        if (idea) idea.pinned = Boolean(event.pinned);
        break;
      }
      case "idea.merged": {
        const gone = s.ideas.get(event.idea_id);
        s.ideas.delete(event.idea_id);
        const kept = s.ideas.get(event.into_id);
        if (kept && typeof event.votes === "number") kept.votes = event.votes;
        // Where my dots went comes in "you.votes".
        if (gone && live) this.announce("Two ideas were merged.");
        break;
      }
      case "you.votes":
        // Someone else's action moved my dots (hide, show, merge, withdraw): what I hold now.
        if (typeof event.votes_left === "number") s.you.votes_left = event.votes_left;
        if (event.my_votes) s.you.my_votes = { ...event.my_votes };
        break;
      case "votes.tally": {
        for (const [id, count] of Object.entries(event.votes || {})) {
          const idea = s.ideas.get(Number(id));
          if (idea) idea.votes = count;
        }
        if (event.last_vote_id) s.lastVoteId = Math.max(s.lastVoteId, event.last_vote_id);
        break;
      }
      case "question.asked":
        s.questions.set(event.question.id, event.question);
        break;
      case "questions.tally":
        for (const [id, count] of Object.entries(event.upvotes || {})) {
          const question = s.questions.get(Number(id));
          if (question) question.upvotes = count;
        }
        break;
      case "question.answered": {
        const question = s.questions.get(event.question_id);
        if (question) question.answered = true;
        break;
      }
      case "question.hidden":
        s.questions.delete(event.question_id);
        break;
      case "poll.opened":
        s.polls.set(event.poll.id, event.poll);
        this.announce(`A poll is open: ${event.poll.question}`, live);
        break;
      case "poll.tally":
      case "poll.closed": {
        const poll = s.polls.get(event.poll_id);
        if (poll) {
          if (event.counts) poll.counts = event.counts;
          if (typeof event.total === "number") poll.total = event.total;
          if (event.type === "poll.closed") poll.open = false;
        }
        break;
      }
      case "announcement":
        if (!s.announcements.some((a) => a.id === event.announcement.id)) {
          s.announcements.push(event.announcement);
          if (live) this.announce(`Announcement: ${event.announcement.text}`);
          else this.missed.announcements += 1;
        }
        break;
      case "action.recorded":
        if (!s.actions.some((a) => a.id === event.action.id)) s.actions.push(event.action);
        break;
      case "presence":
        s.presence = { count: event.count, organisations: event.organisations || [] };
        break;
      case "session.closed":
        s.session.stage = "closed";
        s.session.closed = true;
        s.session.stage_ends_at = null;
        for (const poll of s.polls.values()) poll.open = false;
        this.announce("The session is closed. Thank you for taking part.", live);
        break;
      default:
        return;
    }
    if (!this.catchingUp) this.render();
  }

  afterAck(message, result) {
    const s = this.state;
    if (!s) return;
    const you = s.you;
    if (typeof result.votes_left === "number") you.votes_left = result.votes_left;
    switch (message.type) {
      case "idea.post":
        if (result.idea_id) this.myIdeas.add(result.idea_id);
        break;
      case "vote.cast": {
        you.my_votes = you.my_votes || {};
        you.my_votes[message.idea_id] = (you.my_votes[message.idea_id] || 0) + 1;
        const idea = s.ideas.get(message.idea_id);
        // Count it here unless a tally that already includes it has arrived.
        if (idea && (!result.vote_id || result.vote_id > s.lastVoteId)) idea.votes = (idea.votes || 0) + 1;
        break;
      }
      case "vote.retract": {
        const mine = you.my_votes || {};
        if (mine[message.idea_id]) {
          mine[message.idea_id] -= 1;
          if (!mine[message.idea_id]) delete mine[message.idea_id];
          const idea = s.ideas.get(message.idea_id);
          if (idea && idea.votes > 0) idea.votes -= 1;
        }
        break;
      }
      case "poll.answer":
        you.my_answers = you.my_answers || {};
        you.my_answers[message.poll_id] = message.choice;
        break;
      case "question.upvote": {
        you.upvoted = you.upvoted || [];
        if (!you.upvoted.includes(message.question_id)) {
          you.upvoted.push(message.question_id);
          const question = s.questions.get(message.question_id);
          if (question) question.upvotes = (question.upvotes || 0) + 1;
        }
        break;
      }
      default:
        break;
    }
    this.render();
  }

  // --- Announcing and errors -------------------------------------------------------------
  announce(text, live = true) {
    if (!live) return;
    const region = $("lab-announcer");
    if (!region) return;
    const line = el("p", { text });
    region.append(line);
    while (region.childElementCount > 5) region.firstElementChild.remove();
  }

  showError(text, targetId = "lab-facilitator-error") {
    const box = $(targetId) || $("lab-idea-error");
    if (!box) return;
    box.hidden = false;
    box.replaceChildren(el("span", { class: "nhsuk-u-visually-hidden", text: "Error: " }), text || "That did not work.");
  }

  clearError(id) {
    const box = $(id);
    if (box) {
      box.hidden = true;
      box.textContent = "";
    }
  }

  stageName(stage) {
    return (this.config.stageNames || {})[stage] || stage;
  }

  themeName(themeId) {
    const theme = (this.state.themes || []).find((t) => t.id === themeId);
    return theme ? theme.name : "";
  }

  // --- Rendering -------------------------------------------------------------------------
  render() {
    if (!this.state) return;
    const s = this.state;
    const stage = $("lab-stage-name");
    if (stage) stage.textContent = this.stageName(s.session.stage);
    this.renderTimer();
    const count = $("lab-presence-count");
    if (count) {
      count.textContent = String(s.presence.count || 0);
      $("lab-presence-word").textContent = s.presence.count === 1 ? "person" : "people";
    }
    const orgs = $("lab-presence-orgs");
    if (orgs) orgs.textContent = (s.presence.organisations || []).join(", ") || "none yet";
    if (this.mode === "presenter") {
      this.renderTopIdeas();
      this.renderPolls(true);
      return;
    }
    this.renderForms();
    this.renderBoards();
    this.renderQuestions();
    this.renderPolls(false);
    this.renderAnnouncements();
    this.renderActions();
    if (this.config.facilitator) this.renderFacilitator();
  }

  renderTimer() {
    const timer = $("lab-timer");
    if (!timer || !this.state) return;
    const endsAt = this.state.session.stage_ends_at;
    let text = "No timer";
    if (endsAt) {
      const left = Math.max(0, Math.round((Date.parse(endsAt) - Date.now()) / 1000));
      const minutes = Math.floor(left / 60);
      const seconds = String(left % 60).padStart(2, "0");
      text = left > 0 ? `${minutes}:${seconds}` : "Time is up";
      if (left <= 0) this.announceTimeUp(true);
    }
    if (timer.textContent !== text) timer.textContent = text;
    const prompt = $("lab-time-up");
    if (prompt) prompt.hidden = !(endsAt && (this.state.session.time_up || Date.parse(endsAt) <= Date.now()));
  }

  announceTimeUp(live) {
    // Once per timer, whichever comes first: the countdown reaching zero or stage.time_up.
    const endsAt = this.state.session.stage_ends_at;
    if (!endsAt || this.timeUpAnnounced === endsAt) return;
    this.timeUpAnnounced = endsAt;
    this.announce(`Time is up for ${this.stageName(this.state.session.stage)}.`, live);
  }

  stage() {
    return this.state.session.stage;
  }

  renderForms() {
    const s = this.state;
    const closed = s.session.closed || s.session.stage === "closed";
    const ideasOpen = !closed && this.stage() === "ideas";
    const ideaForm = $("lab-idea-form");
    if (ideaForm) ideaForm.hidden = !ideasOpen;
    const note = $("lab-ideas-note");
    if (note) {
      if (closed) note.textContent = "The session is closed: the room is read-only.";
      else if (this.stage() === "voting") note.textContent = "Vote for the ideas you think matter most.";
      else if (ideasOpen) note.textContent = "";
      else note.textContent = "You can post ideas during the Share ideas stage.";
    }
    const votesLeft = $("lab-votes-left");
    if (votesLeft) {
      votesLeft.hidden = this.stage() !== "voting" || closed;
      votesLeft.textContent = `You have ${plural(s.you.votes_left ?? 0, "vote", "votes")} left.`;
    }
    const questionForm = $("lab-question-form");
    if (questionForm) questionForm.hidden = closed;
    const facilitator = $("lab-facilitator");
    if (facilitator) facilitator.hidden = false;
  }

  sortedIdeas() {
    return [...this.state.ideas.values()].sort((a, b) => (b.pinned ? 1 : 0) - (a.pinned ? 1 : 0) || a.id - b.id);
  }

  renderBoards() {
    const container = $("lab-boards");
    if (!container) return;
    const themes = this.state.themes.length ? this.state.themes : [{ id: null, name: "Ideas" }];
    const ids = new Set(themes.map((t) => t.id));
    const boards = themes.map((theme) => ({ ...theme, ideas: [] }));
    const other = { id: "other", name: "Other ideas", ideas: [] };
    for (const idea of this.sortedIdeas()) {
      const board = ids.has(idea.theme_id)
        ? boards.find((b) => b.id === idea.theme_id)
        : this.state.themes.length ? other : boards[0];
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
      this.syncList(section.querySelector("ul"), board.ideas, (idea) => this.ideaItem(idea), "No ideas yet.");
    }
  }

  // Keep list items in place (so focus stays) and replace only those whose content changed.
  syncList(list, items, build, emptyText) {
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

  ideaItem(idea) {
    const s = this.state;
    const closed = s.session.closed || s.session.stage === "closed";
    const stage = this.stage();
    const mine = this.myIdeas.has(idea.id);
    const myDots = (s.you.my_votes || {})[idea.id] || 0;
    const facilitator = this.config.facilitator;
    const buttons = [];
    const short = idea.text.length > 40 ? `${idea.text.slice(0, 40)}…` : idea.text;
    const hidden = (text) => el("span", { class: "nhsuk-u-visually-hidden", text });
    if (!closed && stage === "voting") {
      buttons.push(
        el("button", {
          type: "button", class: "lab-button", "data-focus": "vote", disabled: (s.you.votes_left ?? 0) <= 0,
          onclick: () => this.send({ type: "vote.cast", idea_id: idea.id }, { onError: (e) => this.showError(e.message, "lab-idea-error") }),
        }, "Vote", hidden(` for: ${short}`)),
      );
      if (myDots) {
        buttons.push(
          el("button", {
            type: "button", class: "lab-button lab-button--secondary", "data-focus": "retract",
            onclick: () => this.send({ type: "vote.retract", idea_id: idea.id }),
          }, "Take back a vote", hidden(` from: ${short}`)),
        );
      }
    }
    if (!closed && stage === "ideas" && mine) {
      buttons.push(
        el("button", { type: "button", class: "lab-button lab-button--secondary", "data-focus": "edit", onclick: (e) => this.editIdea(idea, e.currentTarget) }, "Edit", hidden(` your idea: ${short}`)),
        el("button", {
          type: "button", class: "lab-button lab-button--secondary", "data-focus": "withdraw",
          onclick: () => this.send({ type: "idea.withdraw", idea_id: idea.id }),
        }, "Withdraw", hidden(` your idea: ${short}`)),
      );
    }
    if (facilitator && !closed) {
      buttons.push(
        el("button", { type: "button", class: "lab-button lab-button--secondary", "data-focus": "pin", onclick: () => this.send({ type: "idea.pin", idea_id: idea.id, pinned: !idea.pinned }) }, idea.pinned ? "Unpin" : "Pin", hidden(`: ${short}`)),
        el("button", { type: "button", class: "lab-button lab-button--secondary", "data-focus": "hide", onclick: () => this.send({ type: "idea.hide", idea_id: idea.id }) }, "Hide", hidden(`: ${short}`)),
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

  editIdea(idea, button) {
    const item = button.closest("li");
    if (!item || item.querySelector(".lab-edit-form")) return;
    const fieldId = `lab-edit-${idea.id}`;
    const textarea = el("textarea", { class: "nhsuk-textarea", id: fieldId, rows: "3", maxlength: String(MAX_TEXT) });
    textarea.value = idea.text;
    const close = () => {
      form.remove();
      item.dataset.sig = "";
      this.render();
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
      this.send({ type: "idea.edit", idea_id: idea.id, text }, { onError: (e) => this.showError(e.message, "lab-idea-error") });
      close();
    });
    item.append(form);
    textarea.focus();
  }

  renderQuestions() {
    const list = $("lab-questions");
    if (!list) return;
    const s = this.state;
    const closed = s.session.closed;
    const questions = [...s.questions.values()].sort((a, b) => (b.upvotes || 0) - (a.upvotes || 0) || a.id - b.id);
    const upvoted = new Set(s.you.upvoted || []);
    this.syncList(list, questions, (question) => {
      const buttons = [];
      const short = question.text.length > 40 ? `${question.text.slice(0, 40)}…` : question.text;
      if (!closed && !upvoted.has(question.id)) {
        buttons.push(el("button", { type: "button", class: "lab-button lab-button--secondary", "data-focus": "upvote", onclick: () => this.send({ type: "question.upvote", question_id: question.id }, { onError: (e) => this.showError(e.message, "lab-question-error") }) }, "Upvote", el("span", { class: "nhsuk-u-visually-hidden", text: `: ${short}` })));
      }
      if (this.config.facilitator && !closed) {
        if (!question.answered) buttons.push(el("button", { type: "button", class: "lab-button lab-button--secondary", "data-focus": "answered", onclick: () => this.send({ type: "question.answered", question_id: question.id }) }, "Mark answered", el("span", { class: "nhsuk-u-visually-hidden", text: `: ${short}` })));
        buttons.push(el("button", { type: "button", class: "lab-button lab-button--secondary", "data-focus": "qhide", onclick: () => this.send({ type: "question.hide", question_id: question.id }) }, "Hide", el("span", { class: "nhsuk-u-visually-hidden", text: ` question: ${short}` })));
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

  pollBlock(poll, presenter) {
    const s = this.state;
    const mine = (s.you.my_answers || {})[poll.id];
    const total = poll.total || 0;
    const counts = poll.counts || [];
    const ladder = poll.kind === "ladder";
    const labels = (poll.options || []).map((option, index) => {
      if (ladder && this.config.rungs && this.config.rungs[index]) return this.config.rungs[index].label;
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
          onclick: () => this.send({ type: "poll.answer", poll_id: poll.id, choice: index }),
        }, label));
      });
      block.append(group);
    }
    block.append(el("ul", { class: "lab-results", "aria-label": `Results: ${poll.question}` }, rows));
    block.append(el("p", { class: "lab-results__total", text: plural(total, "answer", "answers") }));
    if (!presenter && this.config.facilitator && poll.open && !s.session.closed) {
      block.append(el("button", { type: "button", class: "lab-button lab-button--secondary", "data-focus": "close-poll", onclick: () => this.send({ type: "poll.close", poll_id: poll.id }) }, "Close this poll"));
    }
    block.dataset.sig = JSON.stringify([poll.open, counts, total, mine, s.session.closed]);
    return block;
  }

  renderPolls(presenter) {
    const container = $("lab-polls");
    if (!container) return;
    let polls = [...this.state.polls.values()].sort((a, b) => b.id - a.id);
    if (presenter) {
      const open = polls.filter((p) => p.open);
      polls = (open.length ? open : polls).slice(0, 1);
    }
    this.syncList(container, polls, (poll) => this.pollBlock(poll, presenter), presenter ? "No poll yet." : "No polls yet.");
    // syncList adds an <li> for an empty list; in this container use a paragraph.
    const empty = container.querySelector("li.lab-empty");
    if (empty) empty.replaceWith(el("p", { class: "lab-empty", text: empty.textContent }));
  }

  renderTopIdeas() {
    const list = $("lab-top-ideas");
    if (!list) return;
    const ideas = [...this.state.ideas.values()].sort((a, b) => (b.votes || 0) - (a.votes || 0) || a.id - b.id).slice(0, 5);
    this.syncList(list, ideas, (idea) => {
      const item = el("li", {}, el("span", { class: "lab-presenter__idea-text", text: idea.text }), " ", el("span", { class: "lab-presenter__votes", text: plural(idea.votes || 0, "vote", "votes") }));
      item.dataset.sig = JSON.stringify([idea.text, idea.votes]);
      return item;
    }, "No ideas yet.");
  }

  renderAnnouncements() {
    const list = $("lab-announcements");
    if (!list) return;
    const items = [...this.state.announcements].sort((a, b) => b.id - a.id);
    this.syncList(list, items, (a) => {
      const item = el("li", { text: a.text });
      item.dataset.sig = a.text;
      return item;
    }, "No announcements yet.");
  }

  renderActions() {
    const list = $("lab-actions");
    if (!list) return;
    this.syncList(list, this.state.actions, (action) => {
      const item = el("li", {}, el("p", { text: action.text }), el("p", { class: "lab-idea__meta", text: `Owner: ${action.owner}${action.due_on ? ` · Due ${action.due_on}` : ""}` }));
      item.dataset.sig = JSON.stringify([action.text, action.owner, action.due_on]);
      return item;
    }, "No actions agreed yet.");
  }

  renderFacilitator() {
    const ideas = this.sortedIdeas();
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
      this.syncList(hiddenList, [...this.hiddenIdeas.values()], (idea) => {
        const item = el("li", { class: "lab-idea" }, el("p", { class: "lab-idea__text", text: idea.text }), el("button", { type: "button", class: "lab-button lab-button--secondary", "data-focus": "show", onclick: () => this.send({ type: "idea.show", idea_id: idea.id }) }, "Show again", el("span", { class: "nhsuk-u-visually-hidden", text: `: ${idea.text.slice(0, 40)}` })));
        item.dataset.sig = idea.text;
        return item;
      }, "No hidden ideas.");
    }
  }

  // --- Forms -----------------------------------------------------------------------------
  bindPage() {
    const nojs = $("lab-nojs");
    if (nojs) nojs.remove();
    if (this.mode === "presenter") return;

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
          this.fieldError("lab-idea-text", "lab-idea-error", "Enter your idea");
          return;
        }
        this.clearFieldError("lab-idea-text", "lab-idea-error");
        const message = { type: "idea.post", text };
        const theme = $("lab-idea-theme");
        if (theme && theme.value) message.theme_id = Number(theme.value);
        status.textContent = this.connection.connected ? "Sending your idea…" : "Your idea will be sent when you are back online.";
        this.send(message, {
          onAck: () => {
            status.textContent = "Your idea is posted.";
          },
          onError: (error) => {
            status.textContent = "";
            if (!textarea.value) textarea.value = text;
            updateCount();
            this.fieldError("lab-idea-text", "lab-idea-error", error.message || "Your idea was not posted.");
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
          this.fieldError("lab-question-text", "lab-question-error", "Enter your question");
          return;
        }
        this.clearFieldError("lab-question-text", "lab-question-error");
        this.send({ type: "question.ask", text }, {
          onError: (error) => {
            if (!textarea.value) textarea.value = text;
            this.fieldError("lab-question-text", "lab-question-error", error.message);
          },
        });
        textarea.value = "";
      });
    }

    if (!this.config.facilitator || !$("lab-facilitator")) return;
    const fail = (error) => this.showError(error.message);
    const onSubmit = (id, handler) => {
      const form = $(id);
      if (!form) return;
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.clearError("lab-facilitator-error");
        handler(form);
      });
    };
    onSubmit("lab-stage-form", () => {
      const message = { type: "stage.set", stage: $("lab-stage-select").value };
      const minutes = parseInt($("lab-stage-minutes").value, 10);
      if (minutes) message.minutes = minutes;
      this.send(message, { onError: fail });
    });
    onSubmit("lab-announce-form", () => {
      const text = $("lab-announce-text").value.trim();
      if (!text) return this.showError("Enter the announcement");
      this.send({ type: "announce", text }, { onError: fail });
      $("lab-announce-text").value = "";
    });
    onSubmit("lab-merge-form", () => {
      const from = Number($("lab-merge-from").value);
      const into = Number($("lab-merge-into").value);
      if (!from || !into) return this.showError("Choose the duplicate idea and the idea to keep");
      if (from === into) return this.showError("Choose two different ideas");
      this.send({ type: "idea.merge", idea_id: from, into_id: into }, { onError: fail });
    });
    onSubmit("lab-poll-form", () => {
      const question = $("lab-poll-question").value.trim();
      const options = $("lab-poll-options").value.split("\n").map((o) => o.trim()).filter(Boolean);
      if (!question) return this.showError("Enter the poll's question");
      if (options.length < 2 || options.length > 8) return this.showError("Give between 2 and 8 answers, one on each line");
      this.send({ type: "poll.open", kind: "choice", question, options }, { onError: fail });
      $("lab-poll-question").value = "";
      $("lab-poll-options").value = "";
    });
    const ladderButton = $("lab-ladder-poll");
    if (ladderButton) {
      ladderButton.addEventListener("click", () => {
        this.clearError("lab-facilitator-error");
        this.send({ type: "poll.open", kind: "ladder", question: this.config.ladderQuestion || "How involved did you feel?" }, { onError: fail });
      });
    }
    onSubmit("lab-action-form", () => {
      const text = $("lab-action-text").value.trim();
      const owner = $("lab-action-owner").value.trim();
      const due = $("lab-action-due").value;
      if (!text || !owner) return this.showError("Enter the action and its owner");
      const message = { type: "action.record", text, owner };
      if (due) message.due_on = due;
      this.send(message, { onError: fail });
      $("lab-action-text").value = "";
      $("lab-action-owner").value = "";
      $("lab-action-due").value = "";
    });
    onSubmit("lab-close-form", () => {
      const confirm = $("lab-close-confirm");
      if (!confirm.checked) return this.showError("Tick the box to confirm that you want to close the session");
      this.send({ type: "session.close" }, { onError: fail });
      confirm.checked = false;
    });
  }

  fieldError(fieldId, errorId, text) {
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

  clearFieldError(fieldId, errorId) {
    const field = $(fieldId);
    this.clearError(errorId);
    if (field) {
      field.classList.remove("nhsuk-textarea--error");
      field.closest(".nhsuk-form-group")?.classList.remove("nhsuk-form-group--error");
    }
  }
}

if (configElement && root) {
  const config = JSON.parse(configElement.textContent);
  const stateElement = document.getElementById("lab-live-state");
  const initialState = stateElement ? JSON.parse(stateElement.textContent) : null;
  window.labLive = new LiveRoom(config, initialState);
}
