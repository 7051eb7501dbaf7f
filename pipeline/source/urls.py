"""The address of an interview's original: checked as a URL, written as a link.

A source address is an http(s) URL with a host; characters a URI cannot hold
(Cyrillic in a path, backslashes, backticks) are percent-encoded, a Cyrillic
host becomes its IDNA form, and the link's Markdown names the address in a way
no character can turn into markup: the page links to exactly that address.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import SplitResult, urlsplit

# RFC 3986 unreserved and sub-delims, and ':' '@' '/' '?': what a path, query or
# fragment holds as is. '[' ']' '(' ')' are encoded too: Markdown reads them.
_KEPT = re.compile(r"[A-Za-z0-9\-._~!$&'*+,;=:@/?]|%[0-9A-Fa-f]{2}")
_HOST = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?")


def source_url_problem(url: str) -> str | None:
    """Why ``url`` is not a usable source address, or None when it is one."""
    if any(c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in url):
        return f"no spaces or control characters allowed, not {url!r}"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError as e:
        return f"{e}, not {url!r}"
    if parts.scheme.lower() not in ("http", "https") or not url.lower().startswith(
        f"{parts.scheme.lower()}://"
    ):
        return f"it must start with http:// or https://, not {url!r}"
    if parts.username is not None or parts.password is not None:
        return f"no user name or password in it, not {url!r}"
    if not parts.hostname or _ascii_host(parts.hostname) is None:
        return f"it names no valid host, not {url!r}"
    return None


def link_target(url: str) -> str:
    """A checked source address as an ASCII URI."""
    parts = urlsplit(url)
    host = _ascii_host(parts.hostname or "") or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    uri = SplitResult(parts.scheme.lower(), netloc, "", "", "").geturl()
    rest = url[len(parts.scheme) + len("://") + len(parts.netloc) :]
    before, hash_sign, fragment = rest.partition("#")
    return uri + _encoded(before) + hash_sign + _encoded(fragment)


def markdown_link(label_markdown: str, url: str) -> str:
    """``[label](<uri>)``: '&' as an entity, so that Markdown decodes no entity in it."""
    return f"[{label_markdown}](<{link_target(url).replace('&', '&amp;')}>)"


def _encoded(text: str) -> str:
    """``text`` with every character a URI cannot hold there percent-encoded (UTF-8)."""
    out, i = [], 0
    while i < len(text):
        m = _KEPT.match(text, i)
        if m:
            out.append(m.group())
            i = m.end()
            continue
        out.append("".join(f"%{b:02X}" for b in text[i].encode("utf-8")))
        i += 1
    return "".join(out)


def _ascii_host(host: str) -> str | None:
    """The host in ASCII (IDNA for a Cyrillic one), or None when it is not a host."""
    try:
        return str(ipaddress.IPv6Address(host)) if ":" in host else _name(host)
    except (ValueError, UnicodeError):
        return None


def _name(host: str) -> str | None:
    ascii_host = host if host.isascii() else host.encode("idna").decode("ascii")
    return ascii_host.lower() if _HOST.fullmatch(ascii_host.lower()) else None
