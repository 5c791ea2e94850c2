"""Nationality adjectives (السوري، الطاجيكية، المصريين، أميركي…) linked to their country.

The regular forms are derived from the Arabic country names of the countries gazetteer by
scripts/train_ner.py (سوريا → سوري, العراق → عراقي, السعودية → سعودي…) and stored in
rasad/resources/ner/demonyms.tsv (folded masculine singular adjective, country, ISO2).
Irregular ones are listed by hand below. `demonym_country(word)` strips proclitics, the
article and the gender/number endings (ة/ية، يون/يين، يات، يان/يين) before the look-up.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rasad.normalize import fold

# Folded masculine singular adjective → ISO2, for forms the regular derivation misses.
IRREGULAR = {
    "امريكي": "US", "اميركي": "US", "امركي": "US",
    "بريطاني": "GB", "انجليزي": "GB", "انكليزي": "GB", "اسكتلندي": "GB",
    "اماراتي": "AE",
    "طاجاكستاني": "TJ", "طاجيكي": "TJ", "طاجيكستاني": "TJ",
    "افغاني": "AF", "افغانستاني": "AF",
    "نمساوي": "AT", "نمساويه": "AT",
    "اوزبكي": "UZ", "اوزبكستاني": "UZ",
    "كازاخي": "KZ", "كازاخستاني": "KZ",
    "قرغيزي": "KG", "قيرغيزي": "KG",
    "تركماني": "TM", "تركمانستاني": "TM",
    "فلسطيني": "PS", "اسرائيلي": "IL",
    "سعودي": "SA", "يمني": "YE", "عماني": "OM", "بحريني": "BH",
    "امريكاني": "US", "امريكان": "US",
    "تشيكي": "CZ", "سلوفاكي": "SK", "كوري": "KR", "كوريي": "KR",
    "هولندي": "NL", "يوناني": "GR", "دنماركي": "DK", "نرويجي": "NO", "سويدي": "SE",
    "فنلندي": "FI", "ايرلندي": "IE", "برتغالي": "PT", "اسباني": "ES", "مجري": "HU",
    "صربي": "RS", "كرواتي": "HR", "بوسني": "BA", "الباني": "AL", "روماني": "RO",
    "بلغاري": "BG", "اوكراني": "UA", "بيلاروسي": "BY", "جورجي": "GE", "ارمني": "AM",
    "اذربيجاني": "AZ", "اذري": "AZ", "ايراني": "IR", "هندي": "IN", "صيني": "CN",
    "ياباني": "JP", "اندونيسي": "ID", "ماليزي": "MY", "فلبيني": "PH", "فيتنامي": "VN",
    "تايلاندي": "TH", "بنغالي": "BD", "سريلانكي": "LK", "نيبالي": "NP",
    "سوداني": "SD", "اثيوبي": "ET", "ارتري": "ER", "اريتري": "ER", "صومالي": "SO",
    "كيني": "KE", "نيجيري": "NG", "سنغالي": "SN", "كاميروني": "CM", "غاني": "GH",
    "جنوب افريقي": "ZA", "كندي": "CA", "مكسيكي": "MX", "برازيلي": "BR",
    "ارجنتيني": "AR", "تشيلي": "CL", "كولومبي": "CO", "فنزويلي": "VE", "كوبي": "CU",
    "بيروفي": "PE", "استرالي": "AU", "نيوزيلندي": "NZ", "سويسري": "CH", "بلجيكي": "BE",
    "لوكسمبورغي": "LU", "قبرصي": "CY", "مالطي": "MT", "ليبي": "LY", "تونسي": "TN",
    "جزائري": "DZ", "مغربي": "MA", "موريتاني": "MR", "مصري": "EG", "لبناني": "LB",
    "سوري": "SY", "اردني": "JO", "عراقي": "IQ", "كويتي": "KW", "قطري": "QA",
    "تركي": "TR", "روسي": "RU", "الماني": "DE", "فرنسي": "FR", "ايطالي": "IT",
    "بولندي": "PL", "باكستاني": "PK",
}

# Adjectives derived from a country name that are mostly something else.
NOT_DEMONYMS = {"مالي", "سامي", "بنيني", "توغوي", "بالاوي", "جيبوتي", "هاييتي", "بيروي",
                "تشادي", "ناوروي", "تونغي", "غيني"}

_ENDINGS = (("يتين", "ي"), ("يتان", "ي"), ("يين", "ي"), ("يون", "ي"), ("يان", "ي"),
            ("يات", "ي"), ("يه", "ي"), ("ي", "ي"))
_PROCLITICS = ("وبال", "وال", "فال", "بال", "كال", "ولل", "لل", "ال", "و", "ف", "ب", "ل", "ك")


@lru_cache(maxsize=1)
def table() -> dict[str, tuple[str, str]]:
    """Folded masculine adjective → (Arabic country name, ISO2)."""
    out: dict[str, tuple[str, str]] = {}
    try:
        ref = resources.files("rasad.resources.ner").joinpath("demonyms.tsv")
        for line in ref.read_text(encoding="utf-8").splitlines():
            adj, country, iso2 = line.split("\t")
            out[adj] = (country, iso2)
    except (FileNotFoundError, ModuleNotFoundError, OSError, ValueError):
        pass
    return out


def _candidates(folded: str):
    """Masculine singular forms the word may be an inflection of, most specific first."""
    for stem in _stems(folded):
        for end, repl in _ENDINGS:
            if stem.endswith(end) and len(stem) - len(end) >= 2:
                yield stem[:-len(end)] + repl


def _stems(folded: str):
    yield folded
    for p in _PROCLITICS:
        if folded.startswith(p) and len(folded) - len(p) >= 3:
            yield folded[len(p):]


@lru_cache(maxsize=50_000)
def demonym_country(word: str) -> tuple[str, str] | None:
    """(Arabic country name, ISO2) when `word` is a nationality adjective, else None.

    >>> demonym_country("السوري")   # ('سوريا', 'SY')
    """
    folded = fold(word.strip())
    if len(folded) < 3 or " " in folded:
        return None
    tab = table()
    for cand in _candidates(folded):
        hit = tab.get(cand)
        if hit:
            return hit
    return None
