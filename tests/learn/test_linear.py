"""Sparse linear models: what is saved loads back, and a missing or corrupt file is one clear error."""
import numpy as np
import pytest

from rasad.errors import ModelError
from rasad.learn.linear import LinearModel


def model() -> LinearModel:
    return LinearModel(["none", "source", "target"], ["a", "b"],
                       np.array([[2.0, 0.0, -1.0], [0.0, 3.0, 0.0]]), np.array([0.0, -1.0, 0.5]), {"version": "t"})


def test_scores_sum_the_weights_of_known_features_once():
    m = model()
    assert list(m.scores(["a", "a", "unknown"])) == pytest.approx([2.0, -1.0, -0.5])
    dist = m.distribution(["b"])
    assert max(dist, key=dist.get) == "source" and sum(dist.values()) == pytest.approx(1.0)


SCORE_ONCE = """
import numpy as np
from rasad.learn.linear import LinearModel
rng = np.random.default_rng(0)
names = [f"feature{i}" for i in range(300)]
m = LinearModel(["yes"], names, rng.normal(size=(300, 1)).astype(np.float32) * 1e3, np.array([0.1]))
print(m.scores(names).tobytes().hex())
"""


def test_scores_do_not_depend_on_the_hash_seed():
    # float32 weights whose sum changes in the last bits with the order of addition; a set's order
    # follows PYTHONHASHSEED, so summing in set order made a Spark worker and its driver code one
    # article differently
    import os
    import subprocess
    import sys
    outputs = {subprocess.run([sys.executable, "-c", SCORE_ONCE], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert len(outputs) == 1


def test_binary_probability_is_the_logistic_of_the_score():
    m = LinearModel(["yes"], ["x"], np.array([[2.0]]), np.array([-2.0]))
    assert m.probability([]) == pytest.approx(1 / (1 + np.exp(2.0)))
    assert m.probability(["x"]) == pytest.approx(0.5)


def test_save_and_load_round_trip(tmp_path):
    path = tmp_path / "m.npz"
    model().save(path)
    back = LinearModel.load(path, "python scripts/train_events.py")
    assert back.classes == ["none", "source", "target"] and back.meta == {"version": "t"}
    assert list(back.scores(["b"])) == pytest.approx(list(model().scores(["b"])))


def test_a_missing_model_names_the_file_and_the_command(tmp_path):
    with pytest.raises(ModelError) as err:
        LinearModel.load(tmp_path / "gone.npz", "python scripts/train_events.py")
    assert "gone.npz" in str(err.value) and "scripts/train_events.py" in str(err.value)


def test_a_corrupt_model_names_the_file_and_the_command(tmp_path):
    path = tmp_path / "bad.npz"
    path.write_bytes(b"not a zip file at all")
    with pytest.raises(ModelError) as err:
        LinearModel.load(path, "python scripts/train_events.py")
    assert "bad.npz" in str(err.value) and "corrupt" in str(err.value)


def test_a_file_whose_names_and_weights_disagree_is_corrupt(tmp_path):
    import numpy as np
    path = tmp_path / "m.npz"
    np.savez_compressed(path, classes=np.array(["yes"]), features_utf8=np.frombuffer(b"a\nb", dtype=np.uint8),
                        weights=np.zeros((3, 1), dtype=np.float32), bias=np.zeros(1), meta=np.array("{}"))
    with pytest.raises(ModelError, match="corrupt"):
        LinearModel.load(path, "python scripts/train_events.py")


def test_models_of_the_first_format_still_load(tmp_path):
    import numpy as np
    path = tmp_path / "old.npz"
    np.savez_compressed(path, classes=np.array(["yes"]), features=np.array(["a", "b"]),
                        weights=np.array([[1.0], [2.0]], dtype=np.float32), bias=np.zeros(1), meta=np.array("{}"))
    m = LinearModel.load(path, "python scripts/train_events.py")
    assert m.features == ["a", "b"] and m.weight("b") == 2.0
