// The big-screen presenter view: the top ideas by votes and the latest poll's results.

import { $, el, plural, syncList } from "./dom.js";
import { renderPolls } from "./polls.js";

export function renderPresenter(room) {
  renderTopIdeas(room);
  renderPolls(room, true);
}


export function renderTopIdeas(room) {
  const list = $("lab-top-ideas");
  if (!list) return;
  const ideas = [...room.state.ideas.values()].sort((a, b) => (b.votes || 0) - (a.votes || 0) || a.id - b.id).slice(0, 5);
  syncList(list, ideas, (idea) => {
    const item = el("li", {}, el("span", { class: "lab-presenter__idea-text", text: idea.text }), " ", el("span", { class: "lab-presenter__votes", text: plural(idea.votes || 0, "vote", "votes") }));
    item.dataset.sig = JSON.stringify([idea.text, idea.votes]);
    return item;
  }, "No ideas yet.");
}
