import datetime as dt

import pytest

from rasad.sources import dates_meta
from rasad.sources.dates_meta import parse_meta_datetime


def tz(hours):
    return dt.timezone(dt.timedelta(hours=hours))


@pytest.mark.parametrize("value, expected", [
    ("Sun, 18 Feb 2018 21:35:43 +0400", dt.datetime(2018, 2, 18, 21, 35, 43, tzinfo=tz(4))),
    ("2017-01-20T21:43:00+01:00", dt.datetime(2017, 1, 20, 21, 43, tzinfo=tz(1))),
    ("2015-07-21 02:51:32", dt.datetime(2015, 7, 21, 2, 51, 32)),
    ("2019-02-08", dt.datetime(2019, 2, 8)),
    ("2019-02-08T10:00:00Z", dt.datetime(2019, 2, 8, 10, tzinfo=dt.timezone.utc)),
    ("2019-02-08T00:00:00.000+0100", dt.datetime(2019, 2, 8, tzinfo=tz(1))),
    ("2019/02/08", dt.datetime(2019, 2, 8)),
    ("  2019-02-08  ", dt.datetime(2019, 2, 8)),
    # day first, as ANT's Jawhara FM records write it (docno JA-...-02052016)
    ("02/05/2016", dt.datetime(2016, 5, 2)),
    ("17/05/2015 14:20", dt.datetime(2015, 5, 17, 14, 20)),
])
def test_cheap_formats_keep_the_written_time_zone(value, expected, monkeypatch):
    monkeypatch.setattr(dates_meta, "_parse_with_dateparser",
                        lambda text: pytest.fail(f"dateparser called for {text!r}"))
    found = parse_meta_datetime(value)
    assert found == expected
    assert found.utcoffset() == expected.utcoffset()


def test_date_is_the_one_written_not_the_utc_one():
    assert parse_meta_datetime("2017-01-20T23:43:00+01:00").date() == dt.date(2017, 1, 20)
    assert parse_meta_datetime("Mon, 19 Feb 2018 01:10:00 +0400").date() == dt.date(2018, 2, 19)


@pytest.mark.parametrize("value, expected", [
    ("الجمعة 8 فيفري 2019", dt.date(2019, 2, 8)),      # Maghreb month name (ar-DZ)
    ("8 شباط 2019", dt.date(2019, 2, 8)),              # Levant month name (ar-SY)
    ("3 أغسطس 2013", dt.date(2013, 8, 3)),             # Egyptian month name
    ("٨ فبراير ٢٠١٩", dt.date(2019, 2, 8)),            # Arabic-Indic digits
    ("February 8, 2019", dt.date(2019, 2, 8)),
])
def test_other_strings_fall_back_to_dateparser(value, expected):
    assert parse_meta_datetime(value).date() == expected


@pytest.mark.parametrize("value", ["", "   ", "not a date", "2018", "فبراير 2019", "32/13/2019", None, 20190208])
def test_unreadable_or_partial_dates_give_none(value):
    assert parse_meta_datetime(value) is None
