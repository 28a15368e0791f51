"""A websocket load generator for live Innovation Lab sessions (asyncio, ``bench.ws_client``).

``run_room`` drives a whole workshop with N ``bench.lab_client.LabClient`` connections spread
over several OS processes (``multiprocessing``), so one Python process's CPU does not limit the
measurement; the facilitator runs in the calling process and coordinates the workers through
pipes. Every wait is bounded in time and every loop in count.

The workshop: every participant joins; the facilitator opens the ideas stage, and each
participant posts one idea at a random moment within the ideas spread; half-way the facilitator
hides an idea; in the voting stage each casts 3 votes at random moments within the voting
spread; the facilitator opens a poll and each answers once within the poll spread; the
facilitator moves to discussion and makes an announcement that marks the end. Latency is from
sending a message to each client seeing its effect: its own event for ideas, stage changes,
hiding and the poll opening; for a vote the first ``votes.tally`` whose ``last_vote_id`` is at
least the vote's id (from the ack), for a poll answer the first ``poll.tally`` whose
``last_answer_id`` is at least the answer's id. Lost events: for every client, the sequence
numbers up to the end marker it never received.

Capacity: a set of posters post ideas as fast as the server takes them (each waits for its own
idea to come back before posting the next, at most ``POSTER_RATE`` a second, under the rate
limit) for a bounded time; deliveries per second count every event frame every client receives.
The bare-broadcast ceiling does the same against ``/ws/bench/bare/`` (``bench/bare_asgi.py``):
the same payload to the same N clients through a Channels group, with no database and no checks.
"""

import argparse
import asyncio
import json
import math
import multiprocessing
import random
from array import array
from collections import Counter

from bench import ws_client
from bench.lab_client import LabClient, now, origin_of, ws_url

BUCKETS_PER_MS = 10  # latency histograms in 0.1 ms buckets
POSTER_RATE = 9.0  # messages a second per poster (the server refuses more than 10)
IDEA_TEXT = "Idea {tag}: a shared rota between neighbourhood teams and providers, so carers get respite close to home."


# --- latency histograms --------------------------------------------------------------------


def add_latency(histogram, seconds):
    histogram[max(0, int(seconds * 1000 * BUCKETS_PER_MS))] += 1


def percentile_ms(histogram, fraction):
    """Nearest-rank percentile (ms) of a histogram of 0.1 ms buckets."""
    total = sum(histogram.values())
    if not total:
        return float("nan")
    rank = max(1, min(total, int(math.ceil(fraction * total))))
    seen = 0
    for bucket in sorted(histogram):
        seen += histogram[bucket]
        if seen >= rank:
            return (bucket + 0.5) / BUCKETS_PER_MS
    return float("nan")


def summarise(histogram):
    return {
        "count": sum(histogram.values()),
        "p50_ms": round(percentile_ms(histogram, 0.50), 1),
        "p95_ms": round(percentile_ms(histogram, 0.95), 1),
        "p99_ms": round(percentile_ms(histogram, 0.99), 1),
        "max_ms": round(max(histogram) / BUCKETS_PER_MS, 1) if histogram else float("nan"),
    }


# --- the worker processes ------------------------------------------------------------------


class _Worker:
    """Runs a share of the participants in one process, on the orders of the facilitator's process."""

    def __init__(self, conn, spec):
        self.conn = conn
        self.spec = spec
        self.rng = random.Random(spec["seed"])
        self.clients = []
        self.phase = "idle"
        self.pending_actions = 0
        self.done = Counter()
        self.acks = {kind: Counter() for kind in ("idea", "vote", "answer")}  # time to each action's ack
        self.errors = Counter()
        # workshop records (compact: arrays, not per-event objects)
        self.idea_ids = array("q")
        self.idea_t = array("d")
        self.fac_seqs = array("q")
        self.fac_t = array("d")
        self.vote_tallies = {}  # client index -> (array t, array last_vote_id)
        self.poll_tallies = {}
        self.sent_ideas = {}
        self.sent_votes = []
        self.sent_answers = []
        self.visible = []
        self.visible_set = set()
        self.hidden = set()
        self.poll = None
        # capacity and bare broadcast
        self.deliveries = 0
        self.last_delivery = 0.0
        self.first_delivery = None
        self.echo = {}  # poster client index -> set of its ideas it has seen come back
        self.echo_event = {}

    async def main(self):
        loop = asyncio.get_running_loop()
        handlers = {
            "connect": self.connect,
            "status": self.status,
            "final": self.final,
            "latency": self.latency,
            "capacity": self.capacity,
            "drain": self.drain,
            "close": self.close,
            "bare_connect": self.bare_connect,
            "bare_go": self.bare_go,
            "bare_drain": self.bare_drain,
        }
        while True:
            command = await loop.run_in_executor(None, self.conn.recv)
            name = command.pop("cmd")
            if name == "exit":
                await self.close()
                self.conn.send({"ok": True})
                return
            try:
                reply = await handlers[name](**command)
            except Exception as error:  # reported to the orchestrator, which stops the run
                reply = {"error": f"{type(error).__name__}: {error}"}
            self.conn.send(reply)

    # -- joining --
    async def connect(self, concurrency=8):
        gate = asyncio.Semaphore(concurrency)
        started = now()
        failures = Counter()

        async def one(number, cookie, urls):
            client = LabClient(urls, cookie, name=f"w{self.spec['index']}c{number}", on_event=self.on_event)
            client.index = number
            async with gate:
                for attempt in range(3):
                    try:
                        await client.start(timeout=30)
                        return client
                    except (TimeoutError, OSError) as error:
                        failures[type(error).__name__] += 1
                        await client.close()
                        client.closing = False
                        await asyncio.sleep(0.5 * (attempt + 1))
            return None

        clients = await asyncio.gather(
            *(
                one(n, cookie, urls)
                for n, (cookie, urls) in enumerate(zip(self.spec["cookies"], self.spec["urls"], strict=True))
            )
        )
        self.clients = [client for client in clients if client is not None]
        self.phase = "workshop"
        return {"connected": len(self.clients), "failures": dict(failures), "seconds": now() - started}

    # -- the workshop --
    def on_event(self, client, message, t):
        kind = message.get("type")
        if self.phase == "capacity":
            if kind == "idea.posted":
                self.deliveries += 1
                self.last_delivery = t
                if client.index in self.echo:
                    self.echo[client.index].add(message["idea"]["id"])
                    self.echo_event[client.index].set()
            return
        if self.phase != "workshop" or "seq" not in message:
            return
        if kind == "idea.posted":
            idea_id = message["idea"]["id"]
            self.idea_ids.append(idea_id)
            self.idea_t.append(t)
            if idea_id not in self.visible_set:
                self.visible_set.add(idea_id)
                self.visible.append(idea_id)
        elif kind == "votes.tally":
            times, ids = self.vote_tallies.setdefault(client.index, (array("d"), array("q")))
            times.append(t)
            ids.append(int(message.get("last_vote_id") or 0))
        elif kind == "poll.tally":
            times, ids = self.poll_tallies.setdefault(client.index, (array("d"), array("q")))
            times.append(t)
            ids.append(int(message.get("last_answer_id") or 0))
        elif kind in ("stage.changed", "idea.hidden", "poll.opened"):
            self.fac_seqs.append(message["seq"])
            self.fac_t.append(t)
            if kind == "idea.hidden":
                self.hidden.add(message["idea_id"])
            elif kind == "stage.changed" and message["stage"] == "ideas" and not getattr(client, "posted", False):
                client.posted = True
                self._later(self.rng.uniform(0, self.spec["spreads"]["ideas"]), self.post_idea(client))
            elif kind == "stage.changed" and message["stage"] == "voting" and not getattr(client, "voted", False):
                client.voted = True
                for delay in sorted(self.rng.uniform(0, self.spec["spreads"]["votes"]) for _ in range(3)):
                    self._later(delay, self.cast_vote(client))
            elif kind == "poll.opened":
                self.poll = self.poll or message["poll"]
                if message["poll"]["id"] != self.poll["id"] or getattr(client, "answered", False):
                    return
                client.answered = True
                self._later(self.rng.uniform(0, self.spec["spreads"]["poll"]), self.answer_poll(client))

    def _later(self, delay, coroutine):
        self.pending_actions += 1
        loop = asyncio.get_running_loop()
        loop.call_later(delay, lambda: loop.create_task(self._action(coroutine)))

    async def _action(self, coroutine):
        try:
            await coroutine
        except (TimeoutError, ConnectionError) as error:
            self.errors[type(error).__name__] += 1
        finally:
            self.pending_actions -= 1

    def _count(self, kind, reply, started=None):
        if reply.get("type") == "ack":
            self.done[kind] += 1
            if started is not None:
                add_latency(self.acks[kind], now() - started)
            return reply.get("result") or {}
        self.errors[f"{kind}:{reply.get('code')}"] += 1
        return None

    async def post_idea(self, client):
        themes = self.spec["themes"]
        fields = {"text": IDEA_TEXT.format(tag=client.name)}
        if themes:
            fields["theme_id"] = self.rng.choice(themes)
        started = now()
        result = self._count("idea", await client.request("idea.post", **fields), started)
        if result and "idea_id" in result:
            self.sent_ideas[result["idea_id"]] = started

    async def cast_vote(self, client):
        chosen = getattr(client, "chosen", set())
        client.chosen = chosen
        candidates = [idea for idea in self.visible if idea not in self.hidden and idea not in chosen]
        if not candidates:
            self.errors["vote:no_idea"] += 1
            return
        idea_id = self.rng.choice(candidates[-200:])  # recent ideas, as people vote on what they see
        chosen.add(idea_id)
        started = now()
        result = self._count("vote", await client.request("vote.cast", idea_id=idea_id), started)
        if result and "vote_id" in result:
            self.sent_votes.append((result["vote_id"], started))

    async def answer_poll(self, client):
        poll = self.poll
        started = now()
        choice = self.rng.randrange(len(poll.get("options") or [0, 1]))
        result = self._count("answer", await client.request("poll.answer", poll_id=poll["id"], choice=choice), started)
        if result is not None:
            answer_id = result.get("answer_id")
            if answer_id is not None:
                self.sent_answers.append((answer_id, started))
            else:
                self.errors["answer:no_answer_id_in_ack"] += 1

    async def status(self):
        return {"pending": self.pending_actions, "done": dict(self.done), "errors": dict(self.errors)}

    async def final(self, seq, wait):
        """Wait (bounded) for every client to reach the end marker; count what each never received."""
        reached = await asyncio.gather(*(client.wait_seq(seq, wait) for client in self.clients))
        self.phase = "idle"
        return {
            "lost": sum(client.lost_up_to(seq) for client in self.clients),
            "clients_with_loss": sum(1 for client in self.clients if client.lost_up_to(seq)),
            "duplicates": sum(client.duplicates for client in self.clients),
            "out_of_order": sum(client.out_of_order for client in self.clients),
            "reconnects": sum(client.reconnects for client in self.clients),
            "not_reached": reached.count(False),
            "received": sum(client.received for client in self.clients),
            "acks": {kind: dict(histogram) for kind, histogram in self.acks.items()},
            "frames": sum(client.frames for client in self.clients),
            "server_errors": dict(sum((client.errors for client in self.clients), Counter())),
            "sent": {"ideas": self.sent_ideas, "votes": self.sent_votes, "answers": self.sent_answers},
        }

    async def latency(self, ideas, seqs, votes, answers):
        """Latency histograms of every action's effect on every client of this worker."""
        hist = {kind: Counter() for kind in ("idea", "facilitator", "vote", "answer")}
        unmatched = Counter()
        for idea_id, t in zip(self.idea_ids, self.idea_t, strict=True):
            started = ideas.get(idea_id)
            if started is None:
                unmatched["idea"] += 1
            else:
                add_latency(hist["idea"], t - started)
        for seq, t in zip(self.fac_seqs, self.fac_t, strict=True):
            started = seqs.get(seq)
            if started is not None:
                add_latency(hist["facilitator"], t - started)
        for kind, sent, tallies in (("vote", votes, self.vote_tallies), ("answer", answers, self.poll_tallies)):
            ordered = sorted(sent)
            for client in self.clients:
                times, ids = tallies.get(client.index, ((), ()))
                position, highest = 0, 0
                for action_id, started in ordered:
                    while position < len(ids) and highest < action_id:
                        highest = max(highest, ids[position])
                        position += 1
                    if highest >= action_id:
                        add_latency(hist[kind], times[position - 1] - started)
                    else:
                        unmatched[kind] += 1
        self.idea_ids, self.idea_t, self.fac_seqs, self.fac_t = array("q"), array("d"), array("q"), array("d")
        self.vote_tallies, self.poll_tallies = {}, {}
        return {"hist": {kind: dict(h) for kind, h in hist.items()}, "unmatched": dict(unmatched)}

    # -- capacity --
    async def capacity(self, posters, seconds):
        self.phase = "capacity"
        self.deliveries, self.first_delivery, self.last_delivery = 0, None, 0.0
        chosen = self.clients[:posters]
        for client in chosen:
            self.echo[client.index] = set()
            self.echo_event[client.index] = asyncio.Event()
        deadline = now() + seconds
        sent = await asyncio.gather(*(self._post_loop(client, deadline) for client in chosen))
        return {"sent": sum(sent), "errors": dict(self.errors)}

    async def _post_loop(self, client, deadline):
        sent = 0
        for number in range(int(POSTER_RATE * 600)):  # bounded in count as well as time
            started = now()
            if started >= deadline:
                break
            text = IDEA_TEXT.format(tag=f"{client.name}-capacity-{number}")
            try:
                reply = await client.request("idea.post", timeout=max(1.0, deadline - started + 5), text=text)
            except (TimeoutError, ConnectionError):
                self.errors["capacity:timeout"] += 1
                break
            result = self._count("capacity", reply)
            if result is None:
                await asyncio.sleep(1.0 / POSTER_RATE)
                continue
            sent += 1
            idea_id = result.get("idea_id")
            seen, event = self.echo[client.index], self.echo_event[client.index]
            while idea_id not in seen and now() < deadline + 5:
                event.clear()
                try:
                    await asyncio.wait_for(event.wait(), deadline + 5 - now())
                except TimeoutError:
                    break
            seen.discard(idea_id)
            await asyncio.sleep(max(0.0, 1.0 / POSTER_RATE - (now() - started)))
        return sent

    async def drain(self, seq, wait):
        reached = await asyncio.gather(*(client.wait_seq(seq, wait) for client in self.clients))
        self.phase = "idle"
        return {
            "deliveries": self.deliveries,
            "last": self.last_delivery,
            "not_reached": reached.count(False),
            "lost": sum(client.lost_up_to(seq) for client in self.clients),
            "duplicates": sum(client.duplicates for client in self.clients),
        }

    async def close(self):
        await asyncio.gather(*(client.close() for client in self.clients))
        self.clients = []
        await asyncio.gather(*(ws.close(2) for ws in getattr(self, "bare", [])))
        self.bare = []
        return {"ok": True}

    # -- the bare broadcast ceiling --
    async def bare_connect(self, path, concurrency=8):
        gate = asyncio.Semaphore(concurrency)
        self.deliveries, self.last_delivery = 0, 0.0
        self.markers_seen = Counter()
        self.bare_echo = {}

        async def one(number, cookie, urls):
            url = urls[0].split("/ws/")[0] + path
            async with gate:
                return await ws_client.connect(
                    url,
                    lambda payload, t: self._bare_received(number, payload, t),
                    cookie=cookie,
                    origin=origin_of(url),
                )

        self.bare = await asyncio.gather(
            *(
                one(n, cookie, urls)
                for n, (cookie, urls) in enumerate(zip(self.spec["cookies"], self.spec["urls"], strict=True))
            )
        )
        return {"connected": len(self.bare)}

    def _bare_received(self, number, payload, t):
        message = json.loads(payload)
        tag = message["idea"]["id"]
        if message.get("type") == "bench.end":
            self.markers_seen[number] += 1
            return
        self.deliveries += 1
        self.last_delivery = t
        if number in self.bare_echo and tag == self.bare_echo[number][0]:
            self.bare_echo[number][1].set()

    async def bare_go(self, posters, seconds):
        deadline = now() + seconds
        sent = await asyncio.gather(*(self._bare_post_loop(n, deadline) for n in range(min(posters, len(self.bare)))))
        return {"sent": sum(sent)}

    async def _bare_post_loop(self, number, deadline):
        ws = self.bare[number]
        sent = 0
        for count in range(int(POSTER_RATE * 600)):
            started = now()
            if started >= deadline:
                break
            tag = f"bare-{self.spec['index']}-{number}-{count}"
            event = asyncio.Event()
            self.bare_echo[number] = (tag, event)
            ws.send(json.dumps({"id": tag, "payload": idea_payload(tag, count)}))
            try:
                await asyncio.wait_for(event.wait(), deadline + 5 - now())
            except TimeoutError:
                break
            sent += 1
            await asyncio.sleep(max(0.0, 1.0 / POSTER_RATE - (now() - started)))
        return sent

    async def bare_drain(self, markers, wait):
        deadline = now() + wait
        while now() < deadline and sum(1 for n in range(len(self.bare)) if self.markers_seen[n] >= markers) < len(
            self.bare
        ):
            await asyncio.sleep(0.05)
        not_reached = sum(1 for n in range(len(self.bare)) if self.markers_seen[n] < markers)
        return {"deliveries": self.deliveries, "last": self.last_delivery, "not_reached": not_reached}


def idea_payload(tag, number, kind="idea.posted"):
    """An event shaped and sized like the room's ``idea.posted``."""
    return {
        "type": kind,
        "seq": number,
        "idea": {
            "id": tag,
            "text": IDEA_TEXT.format(tag=tag),
            "theme_id": 1,
            "author": "Participant 1",
            "organisation": "Benchmark provider 1",
            "pinned": False,
            "votes": 0,
            "created_at": "2026-01-01T10:00:00+00:00",
        },
    }


def _worker_entry(conn, spec):
    asyncio.run(_Worker(conn, spec).main())


# --- the orchestrator (the facilitator's process) ------------------------------------------


class _Workers:
    def __init__(self, specs):
        context = multiprocessing.get_context("spawn")
        self.pipes, self.processes = [], []
        for spec in specs:
            parent, child = context.Pipe()
            process = context.Process(target=_worker_entry, args=(child, spec), daemon=True)
            process.start()
            self.pipes.append(parent)
            self.processes.append(process)

    async def ask(self, cmd, per_worker=None, timeout=120.0, **fields):
        """Send a command to every worker (``per_worker``: fields for each) and gather the replies."""
        loop = asyncio.get_running_loop()

        async def one(number, pipe):
            extra = per_worker[number] if per_worker else {}
            pipe.send({"cmd": cmd, **fields, **extra})
            if not await loop.run_in_executor(None, pipe.poll, timeout):
                raise TimeoutError(f"worker {number} did not answer {cmd} within {timeout} s")
            reply = pipe.recv()
            if "error" in reply:
                raise RuntimeError(f"worker {number}, {cmd}: {reply['error']}")
            return reply

        return await asyncio.gather(*(one(n, pipe) for n, pipe in enumerate(self.pipes)))

    def stop(self):
        for pipe in self.pipes:
            try:
                pipe.send({"cmd": "exit"})
            except (OSError, BrokenPipeError):
                pass
        for process in self.processes:
            process.join(timeout=10)
            if process.is_alive():
                process.terminate()
                process.join(timeout=5)


class _Facilitator:
    """The facilitator's client: each action's send time, keyed by the seq of the event it caused."""

    def __init__(self, urls, cookie):
        self.client = LabClient(urls, cookie, name="facilitator", keep_events=True)
        self.sent_at = {}  # seq -> monotonic time the action was sent

    async def act(self, message_type, event_type, /, match=lambda message: True, timeout=120.0, **fields):
        """Send an action, wait for its ack and its event; return the event."""
        started = now()
        seen = len(self.client.events)
        reply = await self.client.request(message_type, timeout=timeout, **fields)
        if reply.get("type") != "ack":
            raise RuntimeError(f"facilitator {message_type} refused: {reply}")
        deadline = now() + timeout
        while now() < deadline:
            for seq, message in self.client.events[seen:]:
                if message["type"] == event_type and match(message):
                    self.sent_at[seq] = started
                    return message
            await asyncio.sleep(0.01)
        raise TimeoutError(f"no {event_type} after {message_type}")


async def _wait_actions(workers, budget):
    """Wait (bounded) until no worker has an action scheduled or waiting for its ack."""
    deadline = now() + budget
    while now() < deadline:
        replies = await workers.ask("status")
        if sum(reply["pending"] for reply in replies) == 0:
            return replies
        await asyncio.sleep(0.5)
    return await workers.ask("status")


def _merge_counters(items):
    total = Counter()
    for item in items:
        total.update(item)
    return dict(total)


async def _orchestrate(http_urls, data, spreads, workers, capacity_seconds, posters, bare_path, log):
    participants = data["participants"]
    socket_path = data["socket_path"]
    lab_urls = [ws_url(url, socket_path) for url in http_urls]
    specs = []
    for index in range(workers):
        numbers = range(index, len(participants), workers)
        specs.append(
            {
                "index": index,
                "seed": 2021 + index,
                "cookies": [f"sessionid={participants[n]}" for n in numbers],
                # client n starts on daphne n % len(urls) and fails over to the others
                "urls": [lab_urls[n % len(lab_urls) :] + lab_urls[: n % len(lab_urls)] for n in numbers],
                "spreads": spreads,
                "themes": data.get("themes") or [],
            }
        )
    result = {"participants": len(participants), "processes": len(http_urls), "workers": workers, "spreads": spreads}
    pool = _Workers(specs)
    facilitator = _Facilitator(lab_urls, f"sessionid={data['facilitator']}")
    try:
        await facilitator.client.start()
        started = now()
        joined = await pool.ask("connect", timeout=300)
        result["connected"] = sum(reply["connected"] for reply in joined)
        result["connect_seconds"] = round(now() - started, 1)
        result["connect_failures"] = _merge_counters(reply["failures"] for reply in joined)
        log(f"  {result['connected']}/{len(participants)} participants joined in {result['connect_seconds']} s")
        if result["connected"] < len(participants):
            raise RuntimeError(f"only {result['connected']} of {len(participants)} participants could join")

        # the workshop
        await facilitator.act("stage.set", "stage.changed", lambda m: m["stage"] == "ideas", stage="ideas")
        await asyncio.sleep(spreads["ideas"] / 2)
        first_idea = next((m["idea"]["id"] for _s, m in facilitator.client.events if m["type"] == "idea.posted"), None)
        if first_idea is not None:
            await facilitator.act("idea.hide", "idea.hidden", lambda m: m["idea_id"] == first_idea, idea_id=first_idea)
        await asyncio.sleep(spreads["ideas"] / 2)
        await _wait_actions(pool, 60)
        await facilitator.act("stage.set", "stage.changed", lambda m: m["stage"] == "voting", stage="voting")
        await asyncio.sleep(spreads["votes"])
        await _wait_actions(pool, 60)
        await facilitator.act(
            "poll.open",
            "poll.opened",
            question="Which idea should we take forward first?",
            kind="choice",
            options=["The first", "The second", "The third", "Something else"],
        )
        await asyncio.sleep(spreads["poll"])
        status = await _wait_actions(pool, 60)
        await facilitator.act("stage.set", "stage.changed", lambda m: m["stage"] == "discussion", stage="discussion")
        await asyncio.sleep(1.0)  # tallies go out at most every 250 ms: let the last ones leave
        marker = await facilitator.act("announce", "announcement", text="Thank you: that is the end of the workshop.")
        end_seq = marker["seq"]
        finals = await pool.ask("final", seq=end_seq, wait=60, timeout=120)
        result["actions"] = _merge_counters(reply["done"] for reply in status)
        result["action_errors"] = _merge_counters(reply["errors"] for reply in status)
        result["events"] = end_seq
        result["lost"] = sum(reply["lost"] for reply in finals) + facilitator.client.lost_up_to(end_seq)
        for key in (
            "duplicates",
            "out_of_order",
            "reconnects",
            "not_reached",
            "clients_with_loss",
            "received",
            "frames",
        ):
            result[key] = sum(reply[key] for reply in finals)
        result["server_errors"] = _merge_counters(reply["server_errors"] for reply in finals)
        acks = {kind: Counter() for kind in ("idea", "vote", "answer")}
        for reply in finals:
            for kind, histogram in reply["acks"].items():
                acks[kind].update({int(bucket): count for bucket, count in histogram.items()})
        result["ack_latency_by_action"] = {kind: summarise(histogram) for kind, histogram in acks.items()}
        ideas, votes, answers = {}, [], []
        for reply in finals:
            ideas.update(reply["sent"]["ideas"])
            votes.extend(reply["sent"]["votes"])
            answers.extend(reply["sent"]["answers"])
        latencies = await pool.ask(
            "latency", ideas=ideas, seqs=facilitator.sent_at, votes=votes, answers=answers, timeout=300
        )
        histograms = {kind: Counter() for kind in ("idea", "facilitator", "vote", "answer")}
        for reply in latencies:
            for kind, hist in reply["hist"].items():
                histograms[kind].update({int(bucket): count for bucket, count in hist.items()})
        everything = sum(histograms.values(), Counter())
        result["latency"] = summarise(everything)
        result["latency_by_action"] = {kind: summarise(hist) for kind, hist in histograms.items()}
        result["effects_never_seen"] = _merge_counters(reply["unmatched"] for reply in latencies)
        log(f"  workshop: {result['latency']} lost {result['lost']}")
        log(f"  by action: {result['latency_by_action']}")
        log(f"  acks: {result['ack_latency_by_action']}")

        # capacity: post as fast as the server takes it
        if capacity_seconds > 0:
            await facilitator.act("stage.set", "stage.changed", lambda m: m["stage"] == "ideas", stage="ideas")
            shares = [len(range(i, posters, workers)) for i in range(workers)]
            facilitator.client.keep_events = False
            began = now()
            capacity = await pool.ask(
                "capacity",
                per_worker=[{"posters": share} for share in shares],
                seconds=capacity_seconds,
                timeout=capacity_seconds + 60,
            )
            facilitator.client.keep_events = True
            marker = await facilitator.act("announce", "announcement", text="Capacity phase over.", timeout=60)
            drained = await pool.ask("drain", seq=marker["seq"], wait=60, timeout=90)
            deliveries = sum(reply["deliveries"] for reply in drained)
            last = max(reply["last"] for reply in drained)
            result["capacity"] = {
                "posters": posters,
                "seconds": capacity_seconds,
                "ideas": sum(reply["sent"] for reply in capacity),
                "deliveries": deliveries,
                "elapsed": round(last - began, 3),
                "lost": sum(reply["lost"] for reply in drained),
                "not_reached": sum(reply["not_reached"] for reply in drained),
            }
            result["deliveries_per_s"] = deliveries / (last - began) if last > began else 0.0
            log(f"  capacity: {result['capacity']} -> {result['deliveries_per_s']:.0f} deliveries/s")
            await pool.ask("close")
            await facilitator.client.close()

            # the bare broadcast ceiling: the same payload to the same clients, no database, no checks
            await pool.ask("bare_connect", path=bare_path, timeout=300)
            sender = await ws_client.connect(
                ws_url(http_urls[0], bare_path), lambda payload, t: None, origin=origin_of(http_urls[0])
            )
            began = now()
            bare = await pool.ask(
                "bare_go",
                per_worker=[{"posters": share} for share in shares],
                seconds=capacity_seconds,
                timeout=capacity_seconds + 60,
            )
            sender.send(json.dumps({"id": "end", "payload": idea_payload("end", 0, kind="bench.end")}))
            drained = await pool.ask("bare_drain", markers=1, wait=30, timeout=60)
            await sender.close()
            deliveries = sum(reply["deliveries"] for reply in drained)
            last = max(reply["last"] for reply in drained)
            result["bare"] = {
                "messages": sum(reply["sent"] for reply in bare),
                "deliveries": deliveries,
                "elapsed": round(last - began, 3),
                "not_reached": sum(reply["not_reached"] for reply in drained),
            }
            result["bare_deliveries_per_s"] = deliveries / (last - began) if last > began else 0.0
            log(f"  bare broadcast: {result['bare']} -> {result['bare_deliveries_per_s']:.0f} deliveries/s")
    finally:
        try:
            await asyncio.wait_for(facilitator.client.close(), 5)
        except Exception:
            pass
        pool.stop()
    return result


def run_room(
    http_urls, data, *, spreads, workers=2, capacity_seconds=8.0, posters=20, bare_path="/ws/bench/bare/", log=print
):
    """Run the workshop, the capacity phase and the bare broadcast; return the measurements."""
    workers = max(1, min(workers, len(data["participants"])))
    return asyncio.run(_orchestrate(list(http_urls), data, spreads, workers, capacity_seconds, posters, bare_path, log))


def main():
    parser = argparse.ArgumentParser(description="Run the lab workshop load against running daphne processes.")
    parser.add_argument("--url", action="append", required=True, help="http://127.0.0.1:8000 (repeat for several)")
    parser.add_argument("--data", required=True, help="the JSON printed by manage.py build_bench_lab")
    parser.add_argument("--spreads", default="10,10,5", help="ideas,votes,poll spreads in seconds")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--capacity-seconds", type=float, default=5.0)
    parser.add_argument("--posters", type=int, default=20)
    args = parser.parse_args()
    ideas, votes, poll = (float(part) for part in args.spreads.split(","))
    with open(args.data) as handle:
        data = json.load(handle)
    result = run_room(
        args.url,
        data,
        spreads={"ideas": ideas, "votes": votes, "poll": poll},
        workers=args.workers,
        capacity_seconds=args.capacity_seconds,
        posters=args.posters,
    )
    print(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    main()
