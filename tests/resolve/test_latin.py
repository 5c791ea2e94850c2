"""Latin renderings: one consistent, readable scheme."""
from rasad.resolve.latin import latin_name, romanise


def test_names():
    assert romanise("عبد الكريم عمر") == "Abdulkarim Omar"
    assert romanise("عبدالكريم عمر") == "Abdulkarim Omar"
    assert romanise("بشار الأسد") == "Bashar al-Assad"
    assert romanise("سعد الحريري") == "Saad al-Hariri"
    assert romanise("أبو بكر البغدادي") == "Abubakr al-Baghdadi"
    assert romanise("عبد الله الثاني") == "Abdullah al-Thani"
    assert romanise("فلاديمير بوتين") == romanise("فلاديمير بوتن") == "Vladimir Putin"


def test_rule_based_words_are_plain_ascii():
    out = romanise("خالد العطية")
    assert out.isascii() and out.startswith("Khaled al-")


def test_places_and_organisations():
    assert latin_name("سوريا", "LOC", {"iso2": "SY", "kind": "country",
                                       "latin": "Syrian Arab Republic"}) == "Syria"
    assert latin_name("دمشق", "LOC", {"iso2": "SY", "kind": "city", "latin": "Damascus"}) == \
        "Damascus"
    assert latin_name("الأمم المتحدة", "ORG") == "United Nations"
