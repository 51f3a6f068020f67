"""The load report: matched / skipped / mismatched (both shapes) / unused, strict by default,
with skip_mismatch meaning the same for Keras 3 and Keras 2 files."""
import warnings

import numpy as np
import pytest

import kerasish
from kerasish.saving import LoadReport, WeightsMismatchError


def _model(units=4, extra=False, name=None):
    layers = [kerasish.Input((3,)), kerasish.layers.Dense(units), kerasish.layers.Dense(2)]
    if extra:
        layers.append(kerasish.layers.Dense(1))
    return kerasish.Sequential(layers, name=name)


def test_report_of_a_clean_load(backend, tmp_path):
    source = _model()
    source.save_weights(tmp_path / "w.weights.h5")
    report = _model().load_weights(tmp_path / "w.weights.h5")
    assert isinstance(report, LoadReport) and report.ok
    assert [shape for _, shape in report.matched] == [(3, 4), (4,), (4, 2), (2,)]
    assert report.skipped == report.mismatched == report.unused == []
    assert "4 matched, 0 skipped, 0 mismatched, 0 unused" in str(report)


def test_skip_mismatch_loads_what_fits_and_reports_the_rest(backend, tmp_path):
    _model(units=4).save_weights(tmp_path / "w.weights.h5")
    target = _model(units=5, extra=True)
    before = [w.copy() for w in target.get_weights()]
    with pytest.raises(WeightsMismatchError):
        target.load_weights(tmp_path / "w.weights.h5")
    with pytest.warns(UserWarning, match="skip_mismatch=True"):
        report = target.load_weights(tmp_path / "w.weights.h5", skip_mismatch=True)
    layer = target.layers[0].name
    assert (layer, f"{target.name}/{layer}/kernel", (3, 5), (3, 4)) in report.mismatched, report
    assert len(report.mismatched) == 3  # kernel, bias of the first layer; kernel of the second
    assert [shape for _, shape in report.matched] == [(2,)]
    skipped = dict(report.skipped)
    assert any("not in the file" in why for why in skipped.values())  # the extra layer
    assert sorted(report.unused) == ["layers/dense/vars/0", "layers/dense/vars/1",
                                     "layers/dense_1/vars/0"]
    # what did not fit kept its value; the bias that fit was loaded
    np.testing.assert_array_equal(target.get_weights()[0], before[0])
    np.testing.assert_array_equal(target.get_weights()[-1], before[-1])


def test_unused_entries_are_an_error_unless_skip_mismatch(backend, tmp_path):
    _model(extra=True).save_weights(tmp_path / "w.weights.h5")
    with pytest.raises(WeightsMismatchError, match="fits nothing"):
        _model().load_weights(tmp_path / "w.weights.h5")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = _model().load_weights(tmp_path / "w.weights.h5", skip_mismatch=True)
    assert report.unused == ["layers/dense_2/vars/0", "layers/dense_2/vars/1"]


def test_optimizer_state_without_optimizer_is_unused_but_fine(backend, tmp_path):
    model = _model()
    model.compile("adam", "mse")
    model.fit(np.ones((4, 3)), np.ones((4, 2)), verbose=0)
    model.save_weights(tmp_path / "w.weights.h5")
    report = _model().load_weights(tmp_path / "w.weights.h5")  # not compiled: no optimizer
    assert report.ok and all(p.startswith("optimizer/") for p in report.unused)
    assert len(report.unused) == 10


def test_optimizer_of_another_kind_is_skipped_with_a_note(backend, tmp_path):
    model = _model()
    model.compile("adam", "mse")
    model.fit(np.ones((4, 3)), np.ones((4, 2)), verbose=0)
    model.save_weights(tmp_path / "w.weights.h5")
    other = _model()
    other.compile("sgd", "mse")
    other.fit(np.ones((4, 3)), np.ones((4, 2)), verbose=0)
    with pytest.warns(UserWarning, match="optimizer state"):
        report = other.load_weights(tmp_path / "w.weights.h5")
    assert report.notes and "optimizer" in report.notes[0]
    np.testing.assert_array_equal(other.get_weights()[0], model.get_weights()[0])


def test_strict_failure_leaves_the_model_untouched(backend, tmp_path):
    _model(units=4).save_weights(tmp_path / "w.weights.h5")
    target = _model(units=5)
    before = [w.copy() for w in target.get_weights()]
    with pytest.raises(WeightsMismatchError):
        target.load_weights(tmp_path / "w.weights.h5")
    for a, b in zip(target.get_weights(), before):  # the fitting bias was not loaded either
        np.testing.assert_array_equal(a, b)
