// The live room's browser client: plain ES modules, no framework, no build step.
//
// This entry point starts one LiveRoom (live/room.js) on the room or presenter page, from the
// configuration and the first `state` the page carries. The modules in live/: the connection
// (connection.js), the room and its state (room.js, events.js), what participants see and do
// (participant.js, polls.js), the facilitator's panel (facilitator.js), the presenter screen
// (presenter.js) and shared helpers (dom.js).

import { LiveRoom } from "./live/room.js";

const configElement = document.getElementById("lab-live-config");
const root = document.getElementById("lab-live");

if (configElement && root) {
  const config = JSON.parse(configElement.textContent);
  const stateElement = document.getElementById("lab-live-state");
  const initialState = stateElement ? JSON.parse(stateElement.textContent) : null;
  window.labLive = new LiveRoom(config, initialState);
}
