"""Fixtures for the web tests: a temporary database filled with short Arabic articles run
through the real pipeline (plus the bundled seed article and one hand-built record full of
HTML), an app over it, and an analyst token when the store can make one."""
from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

import pytest

from rasad.errors import InputError
from rasad.output import to_record
from rasad.pipeline import extract, extract_text
from rasad.store import Store

ARTICLES = [
    {"title": "الجبير يستقبل الصفدي في الرياض", "published": "2018-03-04", "source": "وكالة الأنباء",
     "text": "استقبل وزير الخارجية السعودي عادل الجبير في الرياض اليوم الأحد نظيره الأردني أيمن "
             "الصفدي، وبحث الجانبان العلاقات الثنائية وتطورات الأزمة السورية.\n\n"
             "وقال الجبير في مؤتمر صحفي مشترك: \"إن المملكة تدعم الحل السياسي في سوريا وفق "
             "القرارات الدولية\".\n\nاقرأ أيضا: أخبار ذات صلة"},
    {"title": "لقاء في القاهرة", "published": "2018-05-20", "source": "صحيفة الأهرام",
     "text": "التقى الرئيس المصري عبد الفتاح السيسي في القاهرة يوم الأحد وزير الخارجية الأمريكي "
             "مايك بومبيو، وبحثا سبل تعزيز التعاون بين البلدين.\n\nوأكد السيسي أن مصر تدعم "
             "جهود السلام في المنطقة."},
    {"title": "الصفدي يلتقي الجبير مجددا", "published": "2018-06-11", "source": "وكالة الأنباء",
     "text": "التقى وزير الخارجية الأردني أيمن الصفدي في عمان اليوم الاثنين وزير الخارجية "
             "السعودي عادل الجبير، وبحث الوزيران الأوضاع في المنطقة.\n\nوقال الصفدي: \"نحن "
             "نعمل معا من أجل الاستقرار\"."},
    {"title": "احتجاجات في تونس", "published": "2017-01-15", "source": "إذاعة جوهرة",
     "text": "تظاهر مئات المواطنين في مدينة صفاقس التونسية يوم السبت احتجاجا على غلاء "
             "الأسعار، وطالبوا الحكومة بتوفير فرص العمل."},
]

# HTML and script in every place the pages show text: title, body, entity names, quotes
XSS_TEXT = ("قال الوزير <script>alert('body')</script> في بيان <img src=x onerror=alert(1)> "
            "إن \"</script><script>alert('quote')</script> لن نقبل\" وانتهى.")
XSS_NAME = "<b onmouseover=alert('name')>زيد</b>"


def xss_record() -> dict:
    text = XSS_TEXT
    q0 = text.index('"')
    q1 = text.index('"', q0 + 1) + 1
    name_at = text.index("الوزير")
    return {
        "id": hashlib.sha256(text.encode("utf-8")).hexdigest(), "origin": "xss.txt",
        "url": "javascript:alert('url')", "title": "<script>alert('title')</script> عنوان",
        "source": "<i>outlet</i>", "published": "2019-01-02", "published_how": "test",
        "fetched": None, "text": text, "body": text, "removed": [],
        "entities": [{"id": "e1", "type": "PER", "name": XSS_NAME, "aliases": ["<u>alias</u>"],
                      "titles": ["<em>وزير</em>"], "mentions": [[name_at, name_at + 6]]}],
        "events": [{"type": "DISAPPROVE", "mode": None, "source": [XSS_NAME], "target": [],
                    "source_ids": ["e1"], "target_ids": [], "date": "2019-01-02",
                    "date_how": "test", "location": "<s>مكان</s>", "evidence": [0, len(text)],
                    "trigger": [name_at - 4, name_at - 1], "confidence": 0.5}],
        "quotes": [{"speaker": XSS_NAME, "speaker_id": "e1", "text": text[q0:q1],
                    "direct": True, "span": [q0, q1], "cue": [0, 3]}],
    }


def extracted_records() -> list[dict]:
    records = [to_record(extract_text(a["text"], title=a["title"], source=a["source"],
                                      published=_date(a["published"])))
               for a in ARTICLES]
    seed = Path(str(resources.files("rasad.resources").joinpath("examples/seed.txt")))
    records += [to_record(a) for a in extract(seed) if not isinstance(a, InputError)]
    return records


def _date(text: str):
    import datetime as dt
    return dt.date.fromisoformat(text)


@pytest.fixture(scope="session")
def records() -> list[dict]:
    return extracted_records()


@pytest.fixture(scope="session")
def db_path(tmp_path_factory, records) -> Path:
    path = tmp_path_factory.mktemp("serve") / "web.db"
    with Store.open(str(path)) as store:
        store.add_many(records + [xss_record()])
    return path


@pytest.fixture(scope="session")
def app(db_path):
    from rasad.serve.app import create_app
    return create_app(str(db_path))


@pytest.fixture()
def client(app):
    from fastapi.testclient import TestClient
    app.state.queries.forget()          # each test starts without cached answers
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def token(app) -> str:
    store = app.state.store
    if not hasattr(store, "create_token"):
        pytest.skip("the store has no API tokens yet (Store.create_token)")
    return store.create_token("analyst-test")


def article_with(records: list[dict], what: str) -> dict:
    """The first extracted record that has at least one `what` (events, quotes, entities)."""
    for r in records:
        if r.get(what):
            return r
    pytest.fail(f"no extracted test article has {what}: the fixtures need updating")
