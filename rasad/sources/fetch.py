"""Fetching one URL safely, and what its content type says of the body (`content_kind`,
`utf8_with_declared_charset`). Reading what comes back into Documents is rasad.sources.read_url.

`fetch` speaks HTTP(S) with the standard library only and refuses to reach this machine or
its networks: every hop's host is resolved once, each resolved address is checked (loopback,
private, link-local, multicast, reserved, unspecified, and IPv6 forms that embed such an IPv4
address), and the connection goes to the checked address itself, so a DNS answer that
changes between the check and the connect (DNS rebinding) cannot slip in. Redirects are
followed by hand (at most MAX_REDIRECTS), each target checked the same way. Time, size and
content type are capped. Every failure is an InputError(url, one-line reason).

Proxies from the environment (http_proxy, ...) are not used: a proxy resolves names itself,
which would undo the address check. Numeric oddities ("http://2130706433/", "http://0x7f.1/")
are caught too, since the check is made on what the resolver returns, not on the spelling.
"""
from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
import zlib
from urllib.parse import quote, urljoin, urlsplit

from rasad.errors import InputError
from rasad.sources import limits

MAX_REDIRECTS = 5
_CHUNK = 65536
_ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
           "application/xml;q=0.9,text/xml;q=0.9,application/json;q=0.8,text/plain;q=0.8,*/*;q=0.1")
_PRIVATE_HINT = "use --allow-private to allow"
_URL_SAFE = "/%:@!$&'()*+,;=-._~"

# Content-Type -> reader kind. "" means "the type says nothing: sniff the bytes".
_CONTENT_KINDS = {
    "text/html": "html", "application/xhtml+xml": "html",
    "application/rss+xml": "feed", "application/atom+xml": "feed", "application/rdf+xml": "feed",
    "application/feed+xml": "feed",
    "application/json": "json", "application/ld+json": "json", "text/json": "json",
    "application/x-ndjson": "jsonl", "application/jsonl": "jsonl", "application/jsonlines": "jsonl",
    "application/x-jsonlines": "jsonl",
    "text/plain": "text",
    "text/xml": "", "application/xml": "",              # a feed or XHTML: the bytes tell
    "application/octet-stream": "", "binary/octet-stream": "",
}
_NOT_NEWS_PREFIXES = ("image/", "audio/", "video/", "font/", "model/", "multipart/")


def _size(count: int) -> str:
    return f"{count / 2**20:.1f} MB" if count >= 2**20 else f"{count / 1024:.0f} KB"


def content_kind(content_type: str | None) -> str | None:
    """html | feed | json | jsonl | text for a Content-Type; "" when it leaves the choice to the
    bytes (missing, XML, octet-stream); None for media that is no news text (images, PDF, ...)."""
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if not mime:
        return ""
    if mime in _CONTENT_KINDS:
        return _CONTENT_KINDS[mime]
    if mime.startswith(_NOT_NEWS_PREFIXES):
        return None
    if mime.endswith("+xml"):
        return ""
    if mime.startswith("text/") and mime not in ("text/css", "text/javascript", "text/csv", "text/calendar"):
        return "text"
    return None


def charset_of(content_type: str | None) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type or "", re.IGNORECASE)
    return match.group(1) if match else None


def utf8_with_declared_charset(body: bytes, content_type: str | None) -> bytes:
    """The body re-encoded as UTF-8 when it is not UTF-8 and the Content-Type names the charset it
    is in (HTTP's charset outranks the page's own <meta>); unchanged otherwise."""
    charset = charset_of(content_type)
    if not charset or charset.lower().replace("_", "-") in ("utf-8", "utf8"):
        return body
    try:
        body.decode("utf-8")
        return body
    except UnicodeDecodeError:
        pass
    try:
        return body.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return body        # the header lied: leave it to the readers' own detection


# --- address policy ---

def address_problem(address: str) -> str | None:
    """Why this IP address must not be fetched ("a loopback address", ...), or None if it is public."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return address_problem(str(ip.ipv4_mapped))        # ::ffff:127.0.0.1 is 127.0.0.1
    checks = (("is_unspecified", "an unspecified address"), ("is_loopback", "a loopback address"),
              ("is_link_local", "a link-local address"), ("is_multicast", "a multicast address"),
              ("is_reserved", "a reserved address"), ("is_private", "a private address"))
    for attribute, what in checks:
        if getattr(ip, attribute):
            return what
    if not ip.is_global:          # shared (100.64/10), documentation, benchmarking ranges...
        return "not a public address"
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        problem = address_problem(str(embedded)) if embedded is not None else None
        if problem:
            return f"{problem} inside an IPv6 address"
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address inside a 6to4, NAT64 or IPv4-compatible IPv6 address."""
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in ipaddress.IPv6Network("64:ff9b::/96") or ip in ipaddress.IPv6Network("::/96"):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _resolve(host: str, port: int, deadline: float, url: str, timeout: float) -> list[str]:
    """The host's IP addresses, resolved once; a literal IP is returned as is."""
    literal = host.strip("[]")
    try:
        ipaddress.ip_address(literal.split("%", 1)[0])
        return [literal]
    except ValueError:
        pass
    found: dict[str, object] = {}

    def lookup():   # getaddrinfo has no timeout of its own: run it where we can stop waiting
        try:
            found["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            found["error"] = exc

    worker = threading.Thread(target=lookup, daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()))
    if worker.is_alive():
        raise InputError(url, f"timed out after {timeout:g} s (resolving {host})")
    if "error" in found:
        error = found["error"]
        reason = getattr(error, "strerror", None) or str(error)
        raise InputError(url, f"unreachable: {reason}")
    addresses = []
    for _family, _type, _proto, _canon, sockaddr in found["infos"]:
        if sockaddr[0] not in addresses:
            addresses.append(sockaddr[0])
    if not addresses:
        raise InputError(url, f"unreachable: {host} has no address")
    return addresses


def _checked_addresses(host: str, port: int, allow_private: bool, deadline: float, url: str,
                       timeout: float) -> list[str]:
    addresses = _resolve(host, port, deadline, url, timeout)
    if not allow_private:
        for address in addresses:      # one bad answer is enough: the name points inside
            problem = address_problem(address)
            if problem:
                who = f"{address} is" if host.strip("[]") == address else f"{host} resolves to {address},"
                raise InputError(url, f"refused: {who} {problem} ({_PRIVATE_HINT})")
    return addresses


# --- connections to fixed, checked addresses ---

def _connect_pinned(addresses: list[str], port: int, timeout: float) -> socket.socket:
    """A socket to the first of the checked addresses that answers (never a new lookup)."""
    last_error: OSError | None = None
    for address in addresses:
        try:
            return socket.create_connection((address, port), timeout)
        except OSError as exc:
            last_error = exc
    raise last_error


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Sends Host: <name> but connects to the addresses checked beforehand."""

    def __init__(self, host, port, addresses, timeout):
        super().__init__(host, port, timeout=timeout)
        self._addresses = addresses

    def connect(self):
        self.sock = _connect_pinned(self._addresses, self.port, self.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, addresses, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._addresses = addresses

    def connect(self):
        sock = _connect_pinned(self._addresses, self.port, self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)   # cert checked for the name


def fetch(url: str, *, timeout: float = 15, max_bytes: int | None = None, allow_private: bool = False,
          user_agent: str = "rasad/0.1") -> tuple[bytes, dict[str, str]]:
    """(body, headers) of an http(s) URL. headers: the response's, lower-cased, plus "url" (the
    final URL after redirects) and "status". Raises InputError(url, reason) for anything else."""
    if max_bytes is None:
        max_bytes = limits.MAX_BYTES
    if not isinstance(url, str) or not url.strip():
        raise InputError(str(url), "empty URL")
    deadline = time.monotonic() + timeout
    current = url.strip()
    for _hop in range(MAX_REDIRECTS + 1):
        status, headers, body = _one_request(current, url, deadline, timeout, max_bytes, allow_private, user_agent)
        if status in (301, 302, 303, 307, 308):
            location = headers.get("location")
            if not location:
                raise InputError(url, f"HTTP {status} redirect without a Location")
            current = urljoin(current, location.strip())
            continue
        headers["url"] = current
        headers["status"] = str(status)
        return body, headers
    raise InputError(url, f"too many redirects (more than {MAX_REDIRECTS})")


def _one_request(current: str, url: str, deadline: float, timeout: float, max_bytes: int,
                 allow_private: bool, user_agent: str) -> tuple[int, dict[str, str], bytes]:
    try:
        parts = urlsplit(current)
        port = parts.port
    except ValueError as exc:
        raise InputError(url, f"not a valid URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        what = f"{scheme}:" if scheme else "a URL without a scheme"
        redirected = "" if current == url else f" (redirect to {current})"
        raise InputError(url, f"refused: only http and https URLs can be fetched, not {what}{redirected}")
    host = parts.hostname
    if not host:
        raise InputError(url, "not a valid URL: no host")
    port = port or (443 if scheme == "https" else 80)
    addresses = _checked_addresses(host, port, allow_private, deadline, url, timeout)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise InputError(url, f"timed out after {timeout:g} s")
    connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(host, port, addresses, remaining)
    path = quote(parts.path or "/", safe=_URL_SAFE)      # /أخبار/ goes out as UTF-8 %-escapes
    if parts.query:
        path += "?" + quote(parts.query, safe=_URL_SAFE + "?")
    # Socket timeouts bound each wait, not the sum (a server can drip one byte at a time):
    # at the deadline this timer shuts the socket, which ends whatever call is blocked on it.
    expired = threading.Event()

    def expire():
        expired.set()
        if connection.sock is not None:
            try:
                connection.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    timer = threading.Timer(remaining, expire)
    timer.daemon = True
    timer.start()
    response = None
    try:
        connection.request("GET", path, headers={"User-Agent": user_agent, "Accept": _ACCEPT,
                                                 "Accept-Encoding": "gzip, deflate"})
        response = connection.getresponse()
        headers = _header_dict(response)
        status = response.status
        if status in (301, 302, 303, 307, 308):
            return status, headers, b""
        if status >= 400 or status < 200:
            raise InputError(url, f"HTTP {status}" + (f" {response.reason}" if response.reason else ""))
        if status == 204:
            raise InputError(url, "HTTP 204: no content")
        if content_kind(headers.get("content-type")) is None:
            mime = headers["content-type"].split(";", 1)[0].strip()
            raise InputError(url, f"not a news page: content-type {mime}")
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes and not headers.get("content-encoding"):
            raise InputError(url, f"response is {_size(int(declared))}, over the {_size(max_bytes)} limit")
        body = _read_body(response, headers, url, deadline, timeout, max_bytes, expired)
        return status, headers, body
    except InputError:
        raise
    except Exception as exc:
        if expired.is_set() or isinstance(exc, (TimeoutError, socket.timeout)):
            raise InputError(url, f"timed out after {timeout:g} s") from None
        raise InputError(url, _network_reason(exc)) from None
    finally:
        timer.cancel()
        if response is not None:     # once the server says it closes, the response owns the socket
            response.close()
        connection.close()


def _network_reason(exc: Exception) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"TLS certificate not valid: {exc.verify_message or exc.reason}"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error: {exc.reason or exc}"
    if isinstance(exc, ConnectionRefusedError):
        return "unreachable: connection refused"
    if isinstance(exc, http.client.HTTPException):
        return f"bad HTTP response: {type(exc).__name__} {exc}".strip()
    if isinstance(exc, OSError):
        return f"unreachable: {exc.strerror or exc}"
    raise exc        # not a network problem: a bug, let it show


def _header_dict(response: http.client.HTTPResponse) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in response.getheaders():
        name = name.lower()
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers


def _read_body(response, headers, url, deadline, timeout, max_bytes, expired) -> bytes:
    """The body, decompressed, one network chunk at a time so that the size cap holds even
    against a compressed bomb."""
    encoding = headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decompressor = zlib.decompressobj()
    elif encoding in ("identity", ""):
        decompressor = None
    else:
        raise InputError(url, f"unsupported content-encoding {encoding}")
    parts, size, first = [], 0, True
    while True:
        if expired.is_set() or time.monotonic() > deadline:
            raise InputError(url, f"timed out after {timeout:g} s")
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        if decompressor is not None:
            try:
                chunk = decompressor.decompress(chunk, max_bytes + 1 - size)
            except zlib.error as exc:
                if not (first and encoding == "deflate"):
                    raise InputError(url, f"corrupt {encoding} body: {exc}") from None
                decompressor = zlib.decompressobj(-zlib.MAX_WBITS)    # raw deflate, as some servers send
                chunk = decompressor.decompress(chunk, max_bytes + 1 - size)
        first = False
        size += len(chunk)
        if size > max_bytes:
            raise InputError(url, f"response is over the {_size(max_bytes)} limit")
        parts.append(chunk)
    if expired.is_set():           # the timer cut the body short: the socket read returned b""
        raise InputError(url, f"timed out after {timeout:g} s")
    if decompressor is not None and not decompressor.eof and size:
        raise InputError(url, f"truncated {encoding} body")
    return b"".join(parts)
