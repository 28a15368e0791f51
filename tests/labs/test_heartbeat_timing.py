"""The browser client gives up on a silent server when the protocol document says it does."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def milliseconds(source: str, name: str) -> int:
    return int(re.search(rf"const {name} = (\d+);", source).group(1))


def test_the_browser_client_gives_up_on_a_silent_server_when_the_protocol_says():
    client = (ROOT / "labs/static/labs/js/live/connection.js").read_text()
    protocol = " ".join((ROOT / "docs/labs-protocol.md").read_text().split())
    ping_every, pong_within = milliseconds(client, "PING_EVERY"), milliseconds(client, "PONG_WITHIN")
    assert f"sends `ping` every {ping_every // 1000} seconds" in protocol
    assert f"When nothing arrives within {pong_within // 1000} seconds of a ping" in protocol
    assert f"at most {(ping_every + pong_within) // 1000} seconds after it fell silent" in protocol
