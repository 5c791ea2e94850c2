"""Offices of people: the office, what it is of, and where it is posted."""
from rasad.pipeline import extract_text
from rasad.output import to_record


def offices_of(text: str, name: str) -> list[tuple]:
    rec = to_record(extract_text(text))
    ent = next(e for e in rec["entities"] if e["type"] == "PER" and name in e["name"])
    return [(o["office"], o["of"], o["in"]) for o in ent.get("offices", [])]


def test_ambassador_of_a_country_posted_in_another():
    text = ("وصل وفد برئاسة الدكتور زبيد الله زبيدوف سفير دولة طاجيكستان في الكويت، "
            "إلى دائرة العلاقات الخارجية في قامشلو.")
    office, of, posted = offices_of(text, "زبيدوف")[0]
    assert office == "سفير" and "طاجيكستان" in of and posted == "الكويت"


def test_office_before_the_name_is_of_the_organisation_it_names():
    text = "واستقبل الرئيس المشترك لدائرة العلاقات الخارجية عبد الكريم عمر الوفد في قامشلو."
    assert ("الرئيس المشترك", "دائرة العلاقات الخارجية", None) in offices_of(text, "عبد الكريم عمر")


def test_a_coordinated_person_is_not_an_office():
    text = "واستقبل الوفد الرئيس المشترك للدائرة عبد الكريم عمر، ونائبا الرئاسة المشتركة عبير إيليا وفنر الكعيط."
    assert all(not o[0].startswith("و") for o in offices_of(text, "عبد الكريم عمر"))
