"""MinHash near-duplicate detection."""
from rasad.resolve import dedup

TEXT = " ".join(f"كلمة{i}" for i in range(200))


def test_near_copies_share_a_band_and_score_high():
    a = dedup.signature(TEXT)
    b = dedup.signature(TEXT + " وأضاف المصدر")
    assert dedup.similarity(a, b) >= dedup.THRESHOLD
    assert set(dedup.bands(a)) & set(dedup.bands(b))
    assert dedup.jaccard(TEXT, TEXT + " وأضاف المصدر") > 0.95


def test_different_texts_do_not():
    other = " ".join(f"لفظ{i}" for i in range(200))
    a, b = dedup.signature(TEXT), dedup.signature(other)
    assert dedup.similarity(a, b) < 0.2
    assert not set(dedup.bands(a)) & set(dedup.bands(b))


def test_folding_and_short_texts():
    assert dedup.shingles("قصير جدا") == set()
    assert dedup.signature("قصير") is None
    harakat = TEXT.replace("كلمة", "كَلِمَة")
    assert dedup.similarity(dedup.signature(TEXT), dedup.signature(harakat)) == 1.0
    sig = dedup.signature(TEXT)
    assert (dedup.from_bytes(dedup.to_bytes(sig)) == sig).all()
    assert len(dedup.bands(sig)) == dedup.BANDS
