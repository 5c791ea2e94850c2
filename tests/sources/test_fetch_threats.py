"""URL safety beyond tests/sources/test_fetch.py: redirects to names that resolve inside,
other spellings of inside addresses (octal, short, IPv4 inside IPv6, zone ids, userinfo and
fragment tricks), DNS answers that hide an inside address, and the paths that fetch without
the caller naming fetch (ingest, feeds). No traffic leaves this machine: lookups are faked
and a refused URL must never open a connection."""
from __future__ import annotations

import pytest

import rasad.sources.fetch as fetch_module
from rasad.errors import InputError
from rasad.sources.feeds import read_feed_source
from rasad.sources.fetch import fetch

# the fixtures of test_fetch: a local HTTP server, and a guard against any connection
from .test_fetch import HTML, PAGE, fake_dns, no_connections, server  # noqa: F401


def test_redirect_to_a_name_resolving_inside_is_refused(monkeypatch, server):
    """The first hop is let through (as if public); the redirect names a host whose DNS
    answer is private, loopback or cloud metadata: refused before any request to it."""
    real_problem = fetch_module.address_problem
    monkeypatch.setattr(fetch_module, "address_problem",
                        lambda address: None if address == "127.0.0.1" else real_problem(address))
    fake_dns(monkeypatch, {"intranet.example": ["10.0.0.7"], "meta.example": ["169.254.169.254"],
                           "rebind.example": ["::ffff:127.0.0.2"], "localhost": ["::1", "127.0.0.1"]})
    server.routes["/to-intranet"] = (302, {"Location": f"http://intranet.example:{server.port}/x"}, b"")
    server.routes["/to-meta"] = (301, {"Location": "http://meta.example/latest/meta-data/"}, b"")
    server.routes["/to-mapped"] = (307, {"Location": f"http://rebind.example:{server.port}/x"}, b"")
    server.routes["/to-localhost"] = (308, {"Location": f"http://localhost:{server.port}/x"}, b"")
    server.routes["/x"] = (200, {"Content-Type": HTML}, PAGE)
    cases = {"/to-intranet": "refused: intranet.example resolves to 10.0.0.7, a private address",
             "/to-meta": "refused: meta.example resolves to 169.254.169.254, a link-local address",
             "/to-mapped": "refused: rebind.example resolves to ::ffff:127.0.0.2, a loopback address",
             "/to-localhost": "refused: localhost resolves to ::1, a loopback address"}
    for path, reason in cases.items():
        with pytest.raises(InputError) as error:
            fetch(server.url(path))
        assert error.value.reason.startswith(reason), error.value.reason
    assert [p for p, _ in server.requests] == list(cases)           # "/x" was never asked for


def test_a_chain_of_redirects_is_checked_at_every_hop(monkeypatch, server):
    real_problem = fetch_module.address_problem
    monkeypatch.setattr(fetch_module, "address_problem",
                        lambda address: None if address == "127.0.0.1" else real_problem(address))
    server.routes["/1"] = (302, {"Location": "/2"}, b"")
    server.routes["/2"] = (302, {"Location": server.url("/3")}, b"")
    server.routes["/3"] = (302, {"Location": "http://192.168.0.1/admin"}, b"")
    with pytest.raises(InputError, match="refused: 192.168.0.1 is a private address"):
        fetch(server.url("/1"))
    assert [p for p, _ in server.requests] == ["/1", "/2", "/3"]


@pytest.mark.parametrize("url, address", [
    ("http://0177.0.0.1/", "127.0.0.1"),          # octal
    ("http://127.1/", "127.0.0.1"),               # short form
    ("http://0x7f000001/", "127.0.0.1"),          # one hex number
    ("http://017700000001/", "127.0.0.1"),        # one octal number
    ("http://0/", "0.0.0.0"),
    ("http://10.1/", "10.0.0.1"),
    ("http://0xa9.254.169.254/", "169.254.169.254"),
])
def test_other_numeric_spellings_are_refused(no_connections, url, address):
    with pytest.raises(InputError, match=f"resolves to {address.replace('.', '[.]')}, a"):
        fetch(url)
    assert no_connections == []


@pytest.mark.parametrize("url, what", [
    ("http://[64:ff9b::7f00:1]/", "64:ff9b::7f00:1 is a"),                            # NAT64
    ("http://[::127.0.0.1]/", "::127.0.0.1 is a"),                                      # IPv4-compatible
    ("http://[::ffff:7f00:1]/", "a loopback address"),                               # mapped, in hex
    ("http://[fe80::1%25eth0]/", "a link-local address"),                            # zone id
    ("http://news.example@127.0.0.1/", "127.0.0.1 is a loopback address"),          # userinfo
    ("http://127.0.0.1#@news.example/", "127.0.0.1 is a loopback address"),         # fragment
    ("http://127.0.0.1:80/?@news.example/", "127.0.0.1 is a loopback address"),
    ("HTTP://[::1]/", "::1 is a loopback address"),
])
def test_disguised_inside_addresses_are_refused(no_connections, url, what):
    with pytest.raises(InputError) as error:
        fetch(url)
    assert error.value.reason.startswith("refused: ") and what in error.value.reason, error.value.reason
    assert no_connections == []


def test_dns_answers_that_hide_an_inside_address(monkeypatch, no_connections):
    fake_dns(monkeypatch, {"mapped.example": ["::ffff:10.0.0.1"], "nat64.example": ["64:ff9b::c0a8:1"],
                           "sixtofour.example": ["2002:a9fe:a9fe::1"], "zero.example": ["0.0.0.0"],
                           "cgnat.example": ["100.64.1.1"]})
    for name in ("mapped", "nat64", "sixtofour", "zero", "cgnat"):
        with pytest.raises(InputError, match=f"refused: {name}.example resolves to"):
            fetch(f"http://{name}.example/")
    assert no_connections == []


@pytest.mark.parametrize("location", ["ftp://news.example/a", "data:text/html,<p>x</p>", "gopher://127.0.0.1/",
                                      "javascript:alert(1)"])
def test_redirects_to_other_schemes_are_refused(monkeypatch, server, location):
    real_problem = fetch_module.address_problem
    monkeypatch.setattr(fetch_module, "address_problem",
                        lambda address: None if address == "127.0.0.1" else real_problem(address))
    server.routes["/r"] = (302, {"Location": location}, b"")
    with pytest.raises(InputError, match="refused: only http and https URLs can be fetched"):
        fetch(server.url("/r"))


def test_feeds_refuse_inside_addresses_by_default(no_connections):
    with pytest.raises(InputError, match="refused: 127.0.0.1 is a loopback address"):
        list(read_feed_source("http://127.0.0.1:9/rss.xml"))
    with pytest.raises(InputError, match="refused: 169.254.169.254 is a link-local address"):
        list(read_feed_source("http://169.254.169.254/latest/meta-data/"))
    assert no_connections == []


def test_ingest_refuses_inside_urls_by_default_and_goes_on(no_connections, tmp_path):
    from rasad.ingest import ingest
    from rasad.store import Store
    good = tmp_path / "good.txt"
    good.write_text("قال الرئيس إن الحكومة ستفاوض المعارضة في جنيف الأسبوع المقبل.", encoding="utf-8")
    with Store.open(str(tmp_path / "x.db")) as store:
        report = ingest(["http://127.0.0.1:9/", "http://[::1]/feed", "http://10.0.0.1/a.html", str(good)],
                        store, progress=False, rejects_path=str(tmp_path / "rejects.jsonl"))
    assert (report.stored, report.rejected) == (1, 3)
    assert all(r.reason.startswith("refused: ") and "--allow-private" in r.reason for r in report.first_rejects)
    assert no_connections == []
