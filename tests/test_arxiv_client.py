"""The arXiv client against a real loopback server: queries, retries, timeouts, broken answers."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from arxiv_server import FAST_FILE, ArxivServer, Reply

from readinglist.arxiv.client import ArxivBusy, ArxivClient, ArxivError, ArxivUnreachable
from readinglist.arxiv.ratelimit import MinIntervalLimiter
from readinglist.errors import UserError

RETRIES = 2


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ArxivServer]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")  # a proxy in the environment must not interfere
    with ArxivServer() as running:
        yield running


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def client(server: ArxivServer, sleeps: list[float]) -> Iterator[ArxivClient]:
    with ArxivClient(
        server.url, interval=0, timeout=2, retries=RETRIES, backoff=1.0, sleep=sleeps.append
    ) as made:
        yield made


def test_title_search_sends_the_phrase_and_a_handful_of_results(server, client) -> None:
    server.script(Reply.file("found-fast-transformers.xml"))
    [entry] = client.search('ti:"Fast Transformers with Clustered Attention"')
    assert entry.arxiv_id == "2007.04825"
    assert server.requests == [
        {
            "search_query": 'ti:"Fast Transformers with Clustered Attention"',
            "start": "0",
            "max_results": "5",
        }
    ]


def test_known_ids_use_id_list(server, client) -> None:
    server.script(Reply.file("empty-entry-unknown-id.xml"))
    assert client.by_ids(["2007.99999"]) == []
    assert server.requests[0]["id_list"] == "2007.99999"
    assert "search_query" not in server.requests[0]


def test_429_waits_as_told_then_succeeds(server, client, sleeps) -> None:
    server.script(
        Reply(429, b"slow down", headers={"Retry-After": "7"}),
        Reply.file("found-fast-transformers.xml"),
    )
    assert [e.arxiv_id for e in client.search("ti:x")] == ["2007.04825"]
    assert sleeps == [7.0]
    assert len(server.requests) == 2


def test_a_retry_after_longer_than_the_cap_is_not_waited_for(server, sleeps) -> None:
    server.script(
        Reply(429, headers={"Retry-After": "86400"}), Reply.file("found-fast-transformers.xml")
    )
    with (
        ArxivClient(server.url, interval=0, max_retry_wait=30, sleep=sleeps.append) as client,
        pytest.raises(
            ArxivBusy,
            match=r"^arXiv answered HTTP 429 and asks us to wait 24\.0 hours \(Retry-After\)$",
        ),
    ):
        client.search("ti:x")
    assert sleeps == [] and len(server.requests) == 1


def test_each_wait_is_announced_with_its_reason(server, sleeps) -> None:
    heard: list[str] = []
    server.script(Reply(429, headers={"Retry-After": "7"}), Reply(503), Reply.file(FAST_FILE))
    with ArxivClient(
        server.url, interval=0, backoff=1, sleep=sleeps.append, notify=heard.append
    ) as client:
        client.search("ti:x")
    assert heard == [
        "arXiv: HTTP 429; waiting 7s (Retry-After) before retry 1 of 3",
        "arXiv: HTTP 503; waiting 2s before retry 2 of 3",
    ]


def test_retry_after_as_an_http_date(server, client, sleeps) -> None:
    server.script(
        Reply(429, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}),  # in the past
        Reply.file("found-fast-transformers.xml"),
    )
    assert len(client.search("ti:x")) == 1
    assert sleeps == [0.0]


def test_a_huge_body_is_refused(server, client, monkeypatch) -> None:
    monkeypatch.setattr("readinglist.arxiv.client.MAX_BODY_BYTES", 100)
    server.script(Reply.file("found-fast-transformers.xml"))
    with pytest.raises(ArxivError, match="larger than 100 bytes"):
        client.search("ti:x")
    assert len(server.requests) == 1


def test_500s_then_success_backs_off_exponentially(server, client, sleeps) -> None:
    server.script(Reply(500), Reply(503), Reply.file("found-fast-transformers.xml"))
    assert len(client.search("ti:x")) == 1
    assert sleeps == [1.0, 2.0]
    assert len(server.requests) == 3


def test_500s_until_giving_up(server, client) -> None:
    server.script(*[Reply(502)] * 10)
    with pytest.raises(ArxivError, match="HTTP 502"):
        client.search("ti:x")
    assert len(server.requests) == RETRIES + 1


@pytest.mark.parametrize("status", [400, 404])
def test_other_4xx_are_not_retried(server, client, status) -> None:
    server.script(Reply.file("error-http400-bad-id.xml", status=status))
    with pytest.raises(ArxivError, match=f"HTTP {status}: arXiv error: incorrect id format"):
        client.by_ids(["abc"])
    assert len(server.requests) == 1


def test_error_feed_with_200_is_a_failure(server, client) -> None:
    server.script(Reply.file("error-http400-bad-id.xml"))
    with pytest.raises(ArxivError, match="incorrect id format for abc"):
        client.by_ids(["abc"])
    assert len(server.requests) == 1


def test_slow_answer_past_the_timeout_fails_after_retries(server, sleeps) -> None:
    server.script(*[Reply.file("found-fast-transformers.xml", delay=5)] * 2)
    with (
        ArxivClient(server.url, interval=0, timeout=0.2, retries=1, sleep=sleeps.append) as client,
        pytest.raises(ArxivError, match=r"no answer within 0\.2s"),
    ):
        client.search("ti:x")
    assert len(server.requests) == 2


def test_truncated_body_is_retried_then_fails(server, client) -> None:
    server.script(*[Reply.file("found-fast-transformers.xml", action="truncate")] * 5)
    with pytest.raises(ArxivError, match="connection broken"):
        client.search("ti:x")
    assert len(server.requests) == RETRIES + 1


def test_closed_connection_is_retried(server, client) -> None:
    server.script(Reply(action="close"), Reply.file("found-fast-transformers.xml"))
    assert len(client.search("ti:x")) == 1
    assert len(server.requests) == 2


@pytest.mark.parametrize(
    "body, reason",
    [
        (b"<feed><entry><title>half", "malformed XML"),
        (b"<html>maintenance</html>", "not an Atom feed"),
        (None, "unsafe XML"),
    ],
    ids=["malformed", "html", "billion-laughs"],
)
def test_unreadable_feeds_fail_without_retry(server, client, body, reason) -> None:
    reply = Reply.file("billion-laughs.xml") if body is None else Reply(200, body)
    server.script(reply)
    with pytest.raises(ArxivError, match=reason):
        client.search("ti:x")
    assert len(server.requests) == 1


def test_nothing_listening_is_unreachable_at_once(sleeps) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/api/query"
    with ArxivClient(url, interval=0, sleep=sleeps.append) as client:
        with pytest.raises(ArxivUnreachable, match=f"cannot reach arXiv at 127.0.0.1:{port}"):
            client.search("ti:x")
        assert client.requests_sent == 1 and sleeps == []


def test_settings_come_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("READINGLIST_ARXIV_URL", "http://127.0.0.1:1/q")
    monkeypatch.setenv("READINGLIST_ARXIV_INTERVAL", "0.5")
    monkeypatch.setenv("READINGLIST_ARXIV_TIMEOUT", "4")
    with ArxivClient() as client:
        assert (client.base_url, client.limiter.interval, client.timeout) == (
            "http://127.0.0.1:1/q",
            0.5,
            4.0,
        )
    monkeypatch.delenv("READINGLIST_ARXIV_URL")
    monkeypatch.delenv("READINGLIST_ARXIV_INTERVAL")
    with ArxivClient() as client:
        assert client.base_url == "https://export.arxiv.org/api/query"
        assert client.limiter.interval == 3.0


@pytest.mark.parametrize(
    "name, value",
    [
        ("READINGLIST_ARXIV_INTERVAL", "soon"),
        ("READINGLIST_ARXIV_INTERVAL", "-1"),
        ("READINGLIST_ARXIV_TIMEOUT", "0"),
        ("READINGLIST_ARXIV_URL", "ftp://x/"),
    ],
)
def test_bad_settings_are_a_user_error(monkeypatch, name, value) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(UserError, match=name):
        ArxivClient()


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_rate_limiter_spaces_requests() -> None:
    clock = FakeClock()
    limiter = MinIntervalLimiter(3.0, clock=clock, sleep=clock.sleep)
    limiter.wait()  # the first request goes at once
    clock.now += 1.0  # a quick answer: the next one waits the rest
    limiter.wait()
    clock.now += 5.0  # a slow answer: no wait needed
    limiter.wait()
    assert clock.slept == [2.0]


def test_client_requests_go_through_its_limiter(server) -> None:
    clock = FakeClock()
    limiter = MinIntervalLimiter(3.0, clock=clock, sleep=clock.sleep)
    server.script(*[Reply.file("empty-entry-unknown-id.xml")] * 3)
    with ArxivClient(server.url, limiter=limiter) as client:
        for _ in range(3):
            client.by_ids(["2007.99999"])
    assert clock.slept == [3.0, 3.0]


def test_clients_share_the_process_limiter() -> None:
    with ArxivClient(interval=3) as first, ArxivClient(interval=3) as second:
        assert first.limiter is second.limiter
    with ArxivClient(interval=1) as other:
        assert other.limiter is not first.limiter


def test_a_503_with_retry_after_waits_as_told(server, client, sleeps) -> None:
    server.script(Reply(503, headers={"Retry-After": "3"}), Reply.file(FAST_FILE))
    assert len(client.search("ti:x")) == 1
    assert sleeps == [3.0]
