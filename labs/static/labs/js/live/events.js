// What each event and acknowledgement changes in the live room's copy of the state
// (docs/labs-protocol.md lists them), and what it announces to screen readers.

import { plural } from "./dom.js";


export function applyEvent(room, event, live) {
  const s = room.state;
  if (!s) return;
  switch (event.type) {
    case "stage.changed": {
      s.session.stage = event.stage;
      s.session.stage_ends_at = event.stage_ends_at || null;
      s.session.time_up = false;
      if (event.stage === "closed") s.session.closed = true;
      const minutes = event.stage_ends_at ? Math.round((Date.parse(event.stage_ends_at) - Date.now()) / 60000) : 0;
      room.announce(`Stage: ${room.stageName(event.stage)}.${minutes > 0 ? ` ${plural(minutes, "minute", "minutes")} on the timer.` : ""}`, live);
      break;
    }
    case "stage.time_up":
      // Told once by the server (also in a replay); the countdown may have said so already.
      if (event.stage_ends_at === s.session.stage_ends_at) {
        s.session.time_up = true;
        room.announceTimeUp(live);
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
      room.hiddenIdeas.delete(idea.id);
      if (event.type === "idea.posted" && !known) {
        if (live) room.announce(`New idea${room.themeName(idea.theme_id) ? ` on ${room.themeName(idea.theme_id)}` : ""}: ${idea.text}`);
        else room.missed.ideas += 1;
      }
      break;
    }
    case "idea.withdrawn":
    case "idea.hidden": {
      const idea = s.ideas.get(event.idea_id);
      if (idea && event.type === "idea.hidden" && room.config.facilitator) room.hiddenIdeas.set(idea.id, idea);
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
      if (gone && live) room.announce("Two ideas were merged.");
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
      room.announce(`A poll is open: ${event.poll.question}`, live);
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
        if (live) room.announce(`Announcement: ${event.announcement.text}`);
        else room.missed.announcements += 1;
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
      room.announce("The session is closed. Thank you for taking part.", live);
      break;
    default:
      return;
  }
  if (!room.catchingUp) room.render();
}


export function afterAck(room, message, result) {
  const s = room.state;
  if (!s) return;
  const you = s.you;
  if (typeof result.votes_left === "number") you.votes_left = result.votes_left;
  switch (message.type) {
    case "idea.post":
      if (result.idea_id) room.myIdeas.add(result.idea_id);
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
  room.render();
}
