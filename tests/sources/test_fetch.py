"""Fetching: happy paths against servers of our own on 127.0.0.1 (allow_private=True), refusals
checked before any connection. No traffic ever leaves this machine: name lookups are faked."""
import datetime as dt
import gzip
import http.server
import ipaddress
import json
import socket
import threading
import time

import pytest

import rasad.sources.fetch as fetch_module
from rasad.errors import InputError
from rasad.model import Document
from rasad.sources import read_url      # fetch + read by kind: above fetch.py, which feeds and warc use
from rasad.sources.feeds import watch
from rasad.sources.fetch import address_problem, content_kind, fetch

ARTICLE = "قال الرئيس إن الحكومة ستفاوض المعارضة في جنيف الأسبوع المقبل، وفق بيان رسمي."
PAGE = (f"<!DOCTYPE html><html><head><title>خبر</title></head><body><article>"
        f"<p>{ARTICLE} {ARTICLE}</p><p>{ARTICLE}</p></article></body></html>")
NO_META_PAGE = f"<html><body><article><p>{ARTICLE} {ARTICLE}</p><p>{ARTICLE}</p></article></body></html>"
RSS = ("<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>وكالة</title>"
       "<item><title>أ</title><link>https://news.example/1</link><description>نص أ</description></item>"
       "<item><title>ب</title><link>https://news.example/2</link><description>نص ب</description></item>"
       "</channel></rss>")
HTML = "text/html; charset=utf-8"


class Server:
    """A tiny HTTP server on 127.0.0.1: routes map a path to (status, headers, body) or to a
    callable(handler) that answers by itself. `requests` records (path, Host header)."""

    def __init__(self):
        self.routes = {}
        self.requests = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append((self.path, self.headers.get("Host")))
                route = server.routes.get(self.path, (404, {}, b"missing"))
                try:
                    if callable(route):
                        route(self)
                        return
                    status, headers, body = route
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body.encode("utf-8") if isinstance(body, str) else body)
                except (BrokenPipeError, ConnectionResetError):
                    pass             # the client gave up first, as it should

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def url(self, path, host="127.0.0.1"):
        return f"http://{host}:{self.port}{path}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    running = Server()
    yield running
    running.close()


@pytest.fixture
def no_connections(monkeypatch):
    """Fail the test if anything tries to open a connection."""
    attempts = []

    def refuse(address, *args, **kwargs):
        attempts.append(address)
        raise AssertionError(f"tried to connect to {address}")

    monkeypatch.setattr(fetch_module.socket, "create_connection", refuse)
    return attempts


def fake_dns(monkeypatch, answers):
    """Name lookups answered from `answers` (name -> list of IPs); records the names asked."""
    asked = []
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        try:
            ipaddress.ip_address(host)       # socket.create_connection looks up the IP it is given
            return real_getaddrinfo(host, port, *args, **kwargs)
        except ValueError:
            pass
        asked.append(host)
        if host not in answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                 (ip, port, 0, 0) if ":" in ip else (ip, port)) for ip in answers[host]]

    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", getaddrinfo)
    return asked


# --- happy paths ---

def test_read_url_html_page_after_redirect(server):
    server.routes["/old"] = (301, {"Location": "/2020/05/01/story.html"}, b"")
    server.routes["/2020/05/01/story.html"] = (200, {"Content-Type": HTML}, PAGE)
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    [doc] = read_url(server.url("/old"), allow_private=True)
    assert doc.url == server.url("/2020/05/01/story.html")          # the final URL
    assert doc.title == "خبر" and ARTICLE in doc.text
    assert doc.published == dt.date(2020, 5, 1)                     # from the final URL's path
    assert before <= doc.fetched <= dt.datetime.now(dt.timezone.utc)
    assert server.requests[0][1] == f"127.0.0.1:{server.port}"


def test_fetch_returns_body_and_headers(server):
    server.routes["/a"] = (302, {"Location": server.url("/b")}, b"")
    server.routes["/b"] = (307, {"Location": "c"}, b"")
    server.routes["/c"] = (200, {"Content-Type": HTML, "X-Test": "1"}, PAGE)
    body, headers = fetch(server.url("/a"), allow_private=True)
    assert body == PAGE.encode("utf-8")
    assert headers["url"] == server.url("/c") and headers["status"] == "200"
    assert headers["content-type"] == HTML and headers["x-test"] == "1"


def test_arabic_path_is_sent_percent_encoded(server):
    server.routes["/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1"] = (200, {"Content-Type": HTML}, PAGE)
    body, _ = fetch(server.url("/أخبار"), allow_private=True)
    assert body == PAGE.encode("utf-8")


def test_read_url_feed_by_content_type_and_by_sniffing(server):
    server.routes["/rss"] = (200, {"Content-Type": "application/rss+xml"}, RSS)
    server.routes["/mislabelled"] = (200, {"Content-Type": "text/html"}, RSS)
    for path in ("/rss", "/mislabelled"):
        entries = list(read_url(server.url(path), allow_private=True))
        assert [e.url for e in entries] == ["https://news.example/1", "https://news.example/2"]   # own links kept
        assert all(e.kind == "feed" and e.fetched is not None for e in entries)


def test_html_error_page_served_as_a_feed(server):
    server.routes["/rss"] = (200, {"Content-Type": "application/rss+xml"}, "<html><body>Service down</body></html>")
    with pytest.raises(InputError, match=r"not a feed \(an HTML page\)"):
        read_url(server.url("/rss"), allow_private=True)


def test_read_url_json_and_text(server):
    records = [{"title": "أ", "text": ARTICLE, "url": "https://n/1"}, {"title": "ب", "text": ARTICLE}]
    server.routes["/api"] = (200, {"Content-Type": "application/json"}, json.dumps(records, ensure_ascii=False))
    server.routes["/plain"] = (200, {"Content-Type": "text/plain; charset=utf-8"}, ARTICLE)
    first, second = read_url(server.url("/api"), allow_private=True)
    assert (first.title, first.url, second.url) == ("أ", "https://n/1", None)
    [text] = read_url(server.url("/plain"), allow_private=True)
    assert text.text == ARTICLE and text.url == server.url("/plain")


def test_charset_from_the_content_type_header(server):
    server.routes["/legacy"] = (200, {"Content-Type": "text/html; charset=windows-1256"},
                                NO_META_PAGE.encode("cp1256"))
    [doc] = read_url(server.url("/legacy"), allow_private=True)
    assert ARTICLE in doc.text


def test_gzip_content_encoding(server):
    server.routes["/gz"] = (200, {"Content-Type": HTML, "Content-Encoding": "gzip"}, gzip.compress(PAGE.encode()))
    body, _ = fetch(server.url("/gz"), allow_private=True)
    assert body == PAGE.encode("utf-8")


def test_watch_a_feed_url(server):
    server.routes["/rss"] = (200, {"Content-Type": "application/rss+xml"}, RSS)
    handled = []
    watch([server.url("/rss")], 0.01, handled.append, rounds=2, allow_private=True, sleep=lambda s: None)
    assert [d.title for d in handled] == ["أ", "ب"]                 # the second poll finds nothing new
    assert len(server.requests) == 2


# --- errors ---

def test_http_errors(server):
    server.routes["/gone"] = (404, {"Content-Type": HTML}, "<html>not here</html>")
    server.routes["/down"] = (503, {}, b"")
    with pytest.raises(InputError, match=r": HTTP 404 Not Found$") as error:
        fetch(server.url("/gone"), allow_private=True)
    assert error.value.source == server.url("/gone")
    with pytest.raises(InputError, match="HTTP 503"):
        fetch(server.url("/down"), allow_private=True)


def test_redirect_loop(server):
    server.routes["/loop"] = (302, {"Location": "/loop"}, b"")
    with pytest.raises(InputError, match=r"too many redirects \(more than 5\)"):
        fetch(server.url("/loop"), allow_private=True)
    assert len(server.requests) == 6


def test_not_a_news_content_type(server):
    server.routes["/logo.png"] = (200, {"Content-Type": "image/png"}, b"\x89PNG" + b"\x00" * 100)
    with pytest.raises(InputError, match="not a news page: content-type image/png"):
        fetch(server.url("/logo.png"), allow_private=True)


def test_size_cap_with_and_without_content_length(server):
    big = b"<html><body>" + b"x" * 50000 + b"</body></html>"
    server.routes["/declared"] = (200, {"Content-Type": HTML, "Content-Length": str(len(big))}, big)
    server.routes["/undeclared"] = (200, {"Content-Type": HTML}, big)
    server.routes["/bomb"] = (200, {"Content-Type": HTML, "Content-Encoding": "gzip"},
                              gzip.compress(b" " * 5_000_000))
    for path in ("/declared", "/undeclared", "/bomb"):
        with pytest.raises(InputError, match="over the"):
            fetch(server.url(path), allow_private=True, max_bytes=10000)


def test_total_time_is_capped_even_for_a_dripping_server(server):
    def drip(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", HTML)
        handler.end_headers()
        for _ in range(40):                      # a byte every 0.1 s: no single read ever times out
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(0.1)

    def silent(handler):
        time.sleep(2)

    server.routes["/drip"] = drip
    server.routes["/silent"] = silent
    for path in ("/drip", "/silent"):
        started = time.monotonic()
        with pytest.raises(InputError, match=r"timed out after 0.5 s"):
            fetch(server.url(path), allow_private=True, timeout=0.5)
        assert time.monotonic() - started < 1.5


def test_connection_refused_and_unknown_name(monkeypatch):
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()                                 # nothing listens there now
    with pytest.raises(InputError, match="unreachable: connection refused"):
        fetch(f"http://127.0.0.1:{port}/", allow_private=True)
    fake_dns(monkeypatch, {})
    with pytest.raises(InputError, match="unreachable: Name or service not known"):
        fetch("http://no-such-host.invalid/")


def test_tls_error_is_one_line(server):
    server.routes["/"] = (200, {"Content-Type": HTML}, PAGE)
    with pytest.raises(InputError, match="TLS error"):
        fetch(f"https://127.0.0.1:{server.port}/", allow_private=True)


# --- refusals ---

@pytest.mark.parametrize("url, what", [
    ("http://127.0.0.1:8080/", "127.0.0.1 is a loopback address"),
    ("http://127.9.9.9/", "127.9.9.9 is a loopback address"),
    ("http://[::1]:8080/", "::1 is a loopback address"),
    ("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1 is a loopback address"),
    ("http://10.1.2.3/", "10.1.2.3 is a private address"),
    ("http://172.16.5.4/", "172.16.5.4 is a private address"),
    ("http://192.168.1.1/", "192.168.1.1 is a private address"),
    ("http://[::ffff:10.0.0.1]/", "::ffff:10.0.0.1 is a private address"),
    ("http://[fd00::1]/", "fd00::1 is a private address"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
    ("http://[fe80::1]/", "fe80::1 is a link-local address"),
    ("http://224.0.0.1/", "224.0.0.1 is a multicast address"),
    ("http://[ff02::1]/", "ff02::1 is a multicast address"),
    ("http://0.0.0.0/", "0.0.0.0 is an unspecified address"),
    ("http://[::]/", ":: is an unspecified address"),
    ("http://240.0.0.1/", "240.0.0.1 is a reserved address"),
    ("http://100.64.0.1/", "100.64.0.1 is not a public address"),
    ("http://[2002:7f00:1::]/", "is a loopback address inside an IPv6 address"),
])
def test_refused_addresses_without_connecting(no_connections, url, what):
    with pytest.raises(InputError) as error:
        fetch(url)
    assert error.value.reason == f"refused: {what} (use --allow-private to allow)" or what in error.value.reason
    assert error.value.reason.startswith("refused: ") and "--allow-private" in error.value.reason
    assert no_connections == []


@pytest.mark.parametrize("url", ["http://2130706433/", "http://0x7f.1/"])
def test_numeric_spellings_of_loopback_are_refused(no_connections, url):
    """The resolver reads these as 127.0.0.1 (no DNS query); the check sees what it returns."""
    with pytest.raises(InputError, match="resolves to 127.0.0.1, a loopback address"):
        fetch(url)


def test_loopback_message_exactly(no_connections):
    with pytest.raises(InputError) as error:
        fetch("http://127.0.0.1/")
    assert str(error.value) == ("http://127.0.0.1/: refused: 127.0.0.1 is a loopback address "
                                "(use --allow-private to allow)")


def test_names_resolving_inside_are_refused(monkeypatch, no_connections):
    fake_dns(monkeypatch, {"intranet.example": ["10.1.2.3"], "mixed.example": ["93.184.216.34", "127.0.0.1"],
                           "localhost": ["127.0.0.1", "::1"]})
    with pytest.raises(InputError, match=r"refused: intranet.example resolves to 10.1.2.3, a private address"):
        fetch("http://intranet.example/")
    with pytest.raises(InputError, match=r"mixed.example resolves to 127.0.0.1, a loopback address"):
        fetch("https://mixed.example/")                # one inside answer is enough
    with pytest.raises(InputError, match="refused: localhost resolves to"):
        fetch("http://localhost/")
    assert no_connections == []


def test_address_policy_for_public_addresses():
    for public in ("8.8.8.8", "1.1.1.1", "2606:4700::1111", "::ffff:8.8.8.8", "93.184.216.34"):
        assert address_problem(public) is None, public
    assert address_problem("fe80::1%eth0") == "a link-local address"
    assert address_problem("not-an-ip") == "not an IP address"


def test_name_is_resolved_once_and_the_checked_address_is_used(monkeypatch, server):
    """DNS rebinding: a second lookup could answer differently; there is none."""
    server.routes["/"] = (200, {"Content-Type": HTML}, PAGE)
    asked = fake_dns(monkeypatch, {"news.example": ["127.0.0.1"]})
    body, _ = fetch(f"http://news.example:{server.port}/", allow_private=True)
    assert body == PAGE.encode("utf-8")
    assert asked == ["news.example"]
    assert server.requests == [("/", f"news.example:{server.port}")]      # Host: the name, socket: the IP


def test_every_redirect_target_is_checked(monkeypatch, server):
    """The first server is let through (as if public); its redirects inside are refused."""
    real_problem = fetch_module.address_problem
    monkeypatch.setattr(fetch_module, "address_problem",
                        lambda address: None if address == "127.0.0.1" else real_problem(address))
    server.routes["/to-loopback"] = (302, {"Location": f"http://127.0.0.2:{server.port}/x"}, b"")
    server.routes["/to-ipv6"] = (301, {"Location": f"http://[::1]:{server.port}/x"}, b"")
    server.routes["/to-metadata"] = (307, {"Location": "http://169.254.169.254/latest/meta-data/"}, b"")
    server.routes["/to-file"] = (302, {"Location": "file:///etc/passwd"}, b"")
    server.routes["/ok"] = (200, {"Content-Type": HTML}, PAGE)
    assert fetch(server.url("/ok"))[0] == PAGE.encode("utf-8")           # flag off, first hop allowed
    cases = {"/to-loopback": "refused: 127.0.0.2 is a loopback address",
             "/to-ipv6": "refused: ::1 is a loopback address",
             "/to-metadata": "refused: 169.254.169.254 is a link-local address",
             "/to-file": "refused: only http and https URLs can be fetched, not file:"}
    for path, reason in cases.items():
        with pytest.raises(InputError) as error:
            fetch(server.url(path))
        assert error.value.reason.startswith(reason), error.value.reason
    assert [p for p, _ in server.requests] == ["/ok", *cases]            # no request reached a target


@pytest.mark.parametrize("url, reason", [
    ("ftp://news.example/a.txt", "only http and https URLs can be fetched, not ftp:"),
    ("file:///etc/passwd", "only http and https URLs can be fetched, not file:"),
    ("news.example/page", "only http and https URLs can be fetched, not a URL without a scheme"),
    ("http:///nohost", "not a valid URL: no host"),
    ("http://news.example:99999/", "not a valid URL"),
    ("", "empty URL"),
])
def test_bad_urls(no_connections, url, reason):
    with pytest.raises(InputError, match=reason):
        fetch(url)


def test_content_kind():
    assert content_kind("text/html; charset=utf-8") == "html"
    assert content_kind("application/atom+xml") == "feed"
    assert content_kind("application/json") == "json"
    assert content_kind("text/plain") == "text"
    assert content_kind(None) == "" and content_kind("application/xml") == ""
    assert content_kind("image/jpeg") is None and content_kind("application/pdf") is None
    assert content_kind("text/css") is None


@pytest.fixture
def tls_server(tmp_path, monkeypatch):
    """An HTTPS server on 127.0.0.1 whose self-signed certificate names news.example; the client
    is made to trust that certificate (and nothing else)."""
    import shutil
    import ssl
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed: cannot make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
                    "-out", str(cert), "-days", "1", "-subj", "/CN=news.example",
                    "-addext", "subjectAltName=DNS:news.example"], check=True, capture_output=True)
    running = Server()
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    running.httpd.socket = server_context.wrap_socket(running.httpd.socket, server_side=True)
    real_context = ssl.create_default_context
    monkeypatch.setattr(fetch_module.ssl, "create_default_context", lambda: real_context(cafile=str(cert)))
    yield running
    running.close()


def test_https_to_the_pinned_address_checks_the_certificate_for_the_name(monkeypatch, tls_server):
    tls_server.routes["/"] = (200, {"Content-Type": HTML}, PAGE)
    fake_dns(monkeypatch, {"news.example": ["127.0.0.1"], "other.example": ["127.0.0.1"]})
    body, headers = fetch(f"https://news.example:{tls_server.port}/", allow_private=True)
    assert body == PAGE.encode("utf-8") and headers["status"] == "200"
    with pytest.raises(InputError, match="TLS certificate not valid: Hostname mismatch"):
        fetch(f"https://other.example:{tls_server.port}/", allow_private=True)
