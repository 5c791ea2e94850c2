"""Plain text: find the encoding (never assume it) and keep the decoded text exactly.

Arabic news files come as UTF-8 (with or without BOM), UTF-16 with a BOM, or one of the two
legacy Arabic code pages. windows-1256 and ISO-8859-6 put Arabic letters on overlapping
bytes, so a wrong guess still looks Arabic; `_arabic_code_page` settles that pair.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from rasad.errors import InputError
from rasad.model import Document

# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CANDIDATES = ["utf_8", "cp1256", "iso8859_6"]
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an MS Office document"),
)
_ARABIC = "\u0621-\u064a"
# ISO-8859-6 Arabic read as windows-1256 turns و ي ق ـ ى (and harakat) into à â ç è é ê ë î ï ô ...
# inside Arabic words; windows-1256 text never decodes that way.
_LATIN_IN_ARABIC_WORD = re.compile(f"[{_ARABIC}][\u00c0-\u00ff]|[\u00c0-\u00ff][{_ARABIC}]")
_C1_CONTROL = re.compile(r"[\x80-\x9f]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def read_text(data: bytes, origin: str) -> Document:
    """One plain-text document; raises InputError for empty, binary or undecodable input."""
    text, encoding = decode_text(data, origin)
    if not text.strip():
        raise InputError(origin, "file has only whitespace" if text else "file is empty")
    return Document(text=text, origin=origin, kind="text", extra={"encoding": encoding})


def decode_text(data: bytes, origin: str) -> tuple[str, str]:
    """(text, encoding name) with only a BOM removed; raises InputError when the bytes are not text."""
    text, encoding = _decode(data, origin)
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > 0.01 * len(sample):
        raise InputError(origin, "binary file (too many control characters to be text)")
    return text, encoding


def _decode(data: bytes, origin: str) -> tuple[str, str]:
    if not data:
        raise InputError(origin, "file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(origin, f"starts with a {encoding} BOM but is not {encoding}: {exc.reason} "
                                         f"at byte {exc.start + len(bom)}") from None
    check_not_binary(data, origin)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if mostly_utf8(data):   # a damaged UTF-8 file: a legacy code page would only give mojibake
        raise InputError(origin, f"undecodable bytes: UTF-8 with invalid bytes ({utf8_error.reason} "
                                 f"at byte {utf8_error.start})")
    encoding = _detect_legacy(data)
    if encoding is None:
        raise InputError(origin, f"undecodable bytes: not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
                                 "nor Arabic windows-1256/ISO-8859-6 text")
    return data.decode(encoding), encoding


def check_not_binary(data: bytes, origin: str) -> None:
    """Raise InputError for bytes that are plainly not text (known file signatures, NUL bytes)."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(origin, f"binary file ({what}), not text")
    if b"\x00" in data[:65536]:
        raise InputError(origin, "binary file (contains NUL bytes), not text")


def mostly_utf8(data: bytes) -> bool:
    """True when invalid sequences are rare among valid multi-byte UTF-8 characters."""
    decoded = data.decode("utf-8", errors="replace")
    invalid = decoded.count("\ufffd")
    valid_multibyte = sum(1 for char in decoded if char > "\x7f") - invalid
    return valid_multibyte > 10 * invalid


def _detect_legacy(data: bytes) -> str | None:
    matches = from_bytes(data, cp_isolation=_CANDIDATES)
    found = {match.encoding for match in matches}
    if not found:
        return None
    if found & {"cp1256", "iso8859_6"}:
        return _arabic_code_page(data)
    return matches.best().encoding


def _arabic_code_page(data: bytes) -> str:
    try:
        as_iso = data.decode("iso8859_6")
    except UnicodeDecodeError:      # ف ق ك غ ـ in windows-1256 fall on bytes ISO-8859-6 leaves undefined
        return "cp1256"
    if _C1_CONTROL.search(as_iso):  # windows-1256 puts پ چ گ … on 0x80-0x9F, ISO-8859-6 only controls
        return "cp1256"
    if _LATIN_IN_ARABIC_WORD.search(data.decode("cp1256")):
        return "iso8859_6"
    return "cp1256"                 # undecidable (a few letters): the far more common code page
