// The live room in the browser: one LiveRoom per page, holding the connection and the room's state.
//
// It joins /ws/labs/<id>/ (see docs/labs-protocol.md) with the last `seq` it saw, applies the
// `state` snapshot and the numbered events (events.js), shows an offline banner while the
// connection is lost, and renders the page: the participant room (participant.js, polls.js,
// with facilitator controls from facilitator.js when the page has them) or the big-screen
// presenter view (presenter.js). The socket itself is in connection.js.

import { LabConnection, CLOSE_NOT_ALLOWED } from "./connection.js";
import { $, el, newId, plural, storage } from "./dom.js";
import { afterAck, applyEvent } from "./events.js";
import { bindFacilitatorForms, renderFacilitator } from "./facilitator.js";
import { bindParticipantForms, renderParticipant } from "./participant.js";
import { renderPresenter } from "./presenter.js";

export class LiveRoom {
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
        if (message.type === "ack") afterAck(this, entry.message, message.result || {});
      } else if (message.type === "error" && !message.id) {
        this.showError(message.message);
      }
      return;
    }
    if (typeof message.seq !== "number") {
      applyEvent(this, message, false);
      return;
    }
    if (message.seq <= this.lastSeq) return; // already seen
    if (message.seq > this.lastSeq + 1 && this.state) {
      // A gap: reconnect and replay from the last event we hold.
      this.connection.drop();
      return;
    }
    applyEvent(this, message, !this.catchingUp);
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
      renderPresenter(this);
      return;
    }
    renderParticipant(this);
    if (this.config.facilitator) renderFacilitator(this);
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

  // --- Forms -----------------------------------------------------------------------------
  bindPage() {
    const nojs = $("lab-nojs");
    if (nojs) nojs.remove();
    if (this.mode === "presenter") return;
    bindParticipantForms(this);
    if (this.config.facilitator && $("lab-facilitator")) bindFacilitatorForms(this);
  }
}
