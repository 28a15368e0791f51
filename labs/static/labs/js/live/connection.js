// The live room's socket: connects to /ws/labs/<id>/, reconnects with backoff (at once when the
// browser comes back online), checks the connection with a ping, and keeps every message the
// server has not answered in an outbox (session storage) to send again, with the same `id`,
// on the next connection. The room (lab-live.js) decides what to do with what arrives.
//
// A server can fall silent with its socket still open (a frozen process): the browser would not
// notice. So the client pings every PING_EVERY ms, and when nothing at all (no pong, no event)
// arrives within PONG_WITHIN ms of a ping it gives the connection up and reconnects: at most
// 25 seconds after the server fell silent (docs/labs-protocol.md, "Staying connected").

import { newId, storage } from "./dom.js";

const MIN_DELAY = 500;
const MAX_DELAY = 15000;
const PING_EVERY = 15000;
const PONG_WITHIN = 10000;
export const CLOSE_NOT_ALLOWED = 4003;

export class LabConnection {
  // onOpen(): a new connection is open (send `join` first); onMessage(message): each message,
  // events of a busy frame one by one; onClose(code): the connection is lost (it tries again
  // unless the code is CLOSE_NOT_ALLOWED).
  constructor({ socketPath, outboxKey, onOpen, onMessage, onClose }) {
    this.socketPath = socketPath;
    this.outboxKey = outboxKey;
    this.onOpen = onOpen;
    this.onMessage = onMessage;
    this.onClose = onClose;
    this.socket = null;
    this.attempt = 0;
    this.stopped = false;
    this.reconnectTimer = null;
    this.pingTimer = null;
    this.pongTimer = null;
    this.heardAt = 0; // when the last frame arrived (performance.now())
    this.pending = new Map(); // id -> {message, onAck, onError}
    this.restoreOutbox();
  }

  get connected() {
    return Boolean(this.socket);
  }

  connect() {
    clearTimeout(this.reconnectTimer);
    if (this.stopped) return;
    if (navigator.onLine === false) {
      this.onClose(null);
      this.connectSoon();
      return;
    }
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const socket = new WebSocket(`${scheme}://${window.location.host}${this.socketPath}`);
    this.socket = socket;
    socket.addEventListener("open", () => {
      if (socket !== this.socket) return;
      this.attempt = 0;
      this.onOpen();
      for (const { message } of this.pending.values()) socket.send(JSON.stringify(message));
      this.startHeartbeat();
    });
    socket.addEventListener("message", (event) => {
      if (socket !== this.socket) return;
      this.heardAt = performance.now(); // any frame shows the server is alive
      let data;
      try {
        data = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      // A frame holds one message, or several events in seq order when the room is busy.
      for (const message of Array.isArray(data) ? data : [data]) {
        if (message.type !== "pong") this.onMessage(message);
      }
    });
    socket.addEventListener("close", (event) => {
      if (socket !== this.socket) return;
      this.socket = null;
      this.stopHeartbeat();
      if (event.code === CLOSE_NOT_ALLOWED) this.stopped = true;
      this.onClose(event.code);
      this.connectSoon();
    });
  }

  connectSoon(delay) {
    clearTimeout(this.reconnectTimer);
    if (this.socket || this.stopped) return;
    if (delay === undefined) {
      const ceiling = Math.min(MAX_DELAY, MIN_DELAY * 2 ** this.attempt);
      delay = ceiling / 2 + Math.random() * (ceiling / 2);
      this.attempt += 1;
    }
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  // Close this connection; a new one follows after the backoff delay (``reconnect``) or when
  // the browser is back online.
  drop({ reconnect = true } = {}) {
    if (!this.socket) return;
    const socket = this.socket;
    if (!reconnect) {
      this.socket = null;
      this.stopHeartbeat();
    }
    socket.close();
  }

  startHeartbeat() {
    this.stopHeartbeat();
    this.heardAt = performance.now();
    this.pingTimer = setInterval(() => {
      if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return;
      const pingedAt = performance.now();
      this.socket.send(JSON.stringify({ type: "ping", id: newId() }));
      clearTimeout(this.pongTimer);
      this.pongTimer = setTimeout(() => {
        // Nothing since the ping: the server is gone or frozen, even if the socket looks open.
        if (this.heardAt < pingedAt) this.giveUp();
      }, PONG_WITHIN);
    }, PING_EVERY);
  }

  // Give up on a silent connection now: a frozen server would not answer a closing handshake,
  // so the client does not wait for it before reconnecting.
  giveUp() {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    this.stopHeartbeat();
    socket.close();
    this.onClose(null);
    this.connectSoon();
  }

  stopHeartbeat() {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
  }

  // Send now, without keeping it for another connection (``join``).
  sendOnce(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  // Send a message with a new id; keep it until the server answers it.
  send(message, { onAck, onError } = {}) {
    const full = { ...message, id: newId() };
    this.pending.set(full.id, { message: full, onAck, onError });
    this.saveOutbox();
    this.sendOnce(full);
    return full.id;
  }

  // The answered message's entry ({message, onAck, onError}), no longer kept; or undefined.
  settle(id) {
    const entry = this.pending.get(id);
    if (entry) {
      this.pending.delete(id);
      this.saveOutbox();
    }
    return entry;
  }

  saveOutbox() {
    storage(this.outboxKey, JSON.stringify([...this.pending.values()].map((entry) => entry.message)));
  }

  restoreOutbox() {
    try {
      for (const message of JSON.parse(storage(this.outboxKey) || "[]")) {
        if (message && message.id) this.pending.set(message.id, { message });
      }
    } catch (error) {
      // A damaged outbox is dropped.
    }
  }
}
