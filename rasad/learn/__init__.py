"""What rasad learns from annotated data: sparse linear models (`linear`), the alignment of gold
annotations with rasad's own analysis (`gold`), and their training (`scripts/train_events.py`).

Inference needs only numpy; training needs the `train` extra (scikit-learn).
"""
