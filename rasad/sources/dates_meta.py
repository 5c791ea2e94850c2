"""Dates found in metadata (meta tags, JSON keys, feeds): parse them as written.

The publication date is the date in the source's own time zone, so a parsed offset is
kept on the datetime and never converted to UTC ("2017-01-20T23:43:00+01:00" is the 20th).
Cheap parsers first (ISO 8601, RFC 2822, y/m/d, d/m/y); dateparser only when they all fail.
"""
from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
# Arabic-Indic and Eastern Arabic-Indic (Persian) digits -> ASCII, so cheap parsers see them.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_TIME = r"(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
_YMD = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})" + _TIME)
# Day first, as Arabic (and French) sites write it: 02/05/2016 is the 2nd of May.
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})" + _TIME)
# Levant (شباط، آب), Egypt (فبراير، أغسطس) and Maghreb (فيفري، أوت) month names live in
# different dateparser locales; one locale per call keeps a name from being misread.
_ARABIC_LOCALES = ("ar-SY", "ar-EG", "ar-DZ")
_DATEPARSER_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],   # a filled-in "today" would be a wrong date
    "PREFER_DATES_FROM": "past",
    "DATE_ORDER": "DMY",
}
_MIN_YEAR, _MAX_YEAR = 1900, 2100


def parse_meta_datetime(value: str) -> dt.datetime | None:
    """A datetime for a metadata date string, in the time zone it was written in; None if unreadable."""
    if not isinstance(value, str):
        return None
    text = value.strip().translate(_DIGITS)
    if not text or len(text) > 200:
        return None
    found = _parse_iso(text) or _parse_rfc2822(text) or _parse_ymd(text) or _parse_with_dateparser(text)
    if found is None or not _MIN_YEAR <= found.year <= _MAX_YEAR:
        return None
    return found


def _parse_iso(text: str) -> dt.datetime | None:
    if not text[:4].isdigit():
        return None
    candidate = text.replace(" +", "+").replace(" -", "-") if "T" not in text else text
    try:
        return dt.datetime.fromisoformat(candidate)
    except ValueError:
        pass
    try:                                   # "2019-02-08 10:00:00 UTC" and similar tails
        return dt.datetime.fromisoformat(candidate.split()[0])
    except (ValueError, IndexError):
        return None


def _parse_rfc2822(text: str) -> dt.datetime | None:
    if not re.search(r"[A-Za-z]{3}", text):
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _parse_ymd(text: str) -> dt.datetime | None:
    match = _YMD.fullmatch(text)
    if match:
        parts = [int(p) if p else 0 for p in match.groups()]
    else:
        match = _DMY.fullmatch(text)
        if not match:
            return None
        day, month, year, *clock = [int(p) if p else 0 for p in match.groups()]
        parts = [year, month, day, *clock]
    try:
        return dt.datetime(*parts)
    except ValueError:
        return None


def _parse_with_dateparser(text: str) -> dt.datetime | None:
    import dateparser  # imported here: slow to load and rarely needed

    if _ARABIC_LETTER.search(text):
        attempts = [{"locales": [locale]} for locale in _ARABIC_LOCALES]
    else:
        attempts = [{"languages": ["en", "fr"]}]
    for kwargs in attempts:
        try:
            found = dateparser.parse(text, settings=_DATEPARSER_SETTINGS, **kwargs)
        except Exception:  # dateparser raises assorted errors on odd input; a miss is all we need
            found = None
        if found is not None:
            return found
    return None
