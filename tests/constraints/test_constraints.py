"""kerasish.constraints against Keras 3 (on JAX): projections, configs, aliases, errors."""
import numpy as np
import pytest

from kerasish import constraints, ops

RNG = np.random.default_rng(1)
DENSE = (RNG.normal(size=(4, 3)) * 2).astype("float32")
ZERO_COLUMN = DENSE.copy()
ZERO_COLUMN[:, 1] = 0.0
CONV = (RNG.normal(size=(3, 3, 2, 4)) * 0.5).astype("float32")

CASES = [
    ("Constraint", {}),
    ("NonNeg", {}),
    ("MaxNorm", {}), ("MaxNorm", {"max_value": 1.5}), ("MaxNorm", {"max_value": 3.0, "axis": 1}),
    ("MaxNorm", {"max_value": 1.0, "axis": [0, 1, 2]}),
    ("UnitNorm", {}), ("UnitNorm", {"axis": 1}), ("UnitNorm", {"axis": [0, 1, 2]}),
    ("UnitNorm", {"axis": -1}),
    ("MinMaxNorm", {}), ("MinMaxNorm", {"min_value": 0.5, "max_value": 2.0, "rate": 0.7, "axis": 1}),
    ("MinMaxNorm", {"min_value": 1.0, "max_value": 2.0, "axis": [0, 1, 2]}),
]


def _ids(cases):
    return [f"{name}-{kw}" for name, kw in cases]


def _keras():
    return pytest.importorskip("keras")


def _inputs(kwargs):
    axis = kwargs.get("axis", 0)
    if isinstance(axis, list):
        return {"conv": CONV}
    return {"dense": DENSE, "zero_column": ZERO_COLUMN, "zero_row": ZERO_COLUMN.T.copy(), "conv": CONV}


@pytest.mark.parametrize("name,kwargs", CASES, ids=_ids(CASES))
def test_projection_matches_keras(backend, name, kwargs):
    keras = _keras()
    for label, w in _inputs(kwargs).items():
        expected = np.asarray(getattr(keras.constraints, name)(**kwargs)(keras.ops.convert_to_tensor(w)))
        got = getattr(constraints, name)(**kwargs)(ops.convert_to_tensor(w))
        assert ops.dtype(got) == "float32", label
        np.testing.assert_allclose(ops.convert_to_numpy(got), expected, rtol=1e-5, atol=1e-7,
                                   err_msg=label)


def test_projections_hold(backend):
    def norms(w, axis):
        return np.sqrt(np.sum(np.square(ops.convert_to_numpy(w)), axis=axis))

    assert np.all(norms(constraints.MaxNorm(1.0)(DENSE), 0) <= 1.0 + 1e-6)
    np.testing.assert_allclose(norms(constraints.UnitNorm(axis=[0, 1, 2])(CONV), (0, 1, 2)), 1.0, rtol=1e-5)
    n = norms(constraints.MinMaxNorm(0.5, 0.8, axis=1)(DENSE), 1)
    assert np.all((n >= 0.5 - 1e-6) & (n <= 0.8 + 1e-6))
    # an all-zero column stays zero rather than becoming nan
    out = ops.convert_to_numpy(constraints.UnitNorm()(ZERO_COLUMN))
    assert np.all(out[:, 1] == 0) and np.all(np.isfinite(out))
    assert np.min(ops.convert_to_numpy(constraints.NonNeg()(DENSE))) >= 0


def test_float64_stays_float64(backend):
    w = DENSE.astype("float64")
    for c in [constraints.MaxNorm(), constraints.UnitNorm(), constraints.MinMaxNorm(), constraints.NonNeg()]:
        assert ops.dtype(c(w)) == "float64"


@pytest.mark.parametrize("name,kwargs", CASES, ids=_ids(CASES))
def test_get_config_matches_keras_and_round_trips(name, kwargs):
    keras = _keras()
    c = getattr(constraints, name)(**kwargs)
    config = c.get_config()
    assert config == getattr(keras.constraints, name)(**kwargs).get_config()
    restored = type(c).from_config(config)
    assert type(restored) is type(c) and restored.get_config() == config
    assert getattr(keras.constraints, name).from_config(config).get_config() == config


@pytest.mark.parametrize("name,kwargs", CASES, ids=_ids(CASES))
def test_serialize_is_keras_dict_form_and_deserializes(name, kwargs):
    keras = _keras()
    c = getattr(constraints, name)(**kwargs)
    ours = constraints.serialize(c)
    assert ours == keras.constraints.serialize(getattr(keras.constraints, name)(**kwargs))
    back = constraints.deserialize(ours)
    assert type(back) is type(c) and back.get_config() == c.get_config()
    assert type(constraints.get(ours)) is type(c)
    assert type(keras.constraints.deserialize(ours)).__name__ == name


def test_aliases_resolve():
    assert constraints.max_norm is constraints.MaxNorm
    assert constraints.min_max_norm is constraints.MinMaxNorm
    assert constraints.non_neg is constraints.NonNeg
    assert constraints.unit_norm is constraints.UnitNorm
    for names, cls in [(("max_norm", "MaxNorm"), constraints.MaxNorm),
                       (("min_max_norm", "MinMaxNorm"), constraints.MinMaxNorm),
                       (("non_neg", "NonNeg"), constraints.NonNeg),
                       (("unit_norm", "UnitNorm"), constraints.UnitNorm),
                       (("constraint", "Constraint"), constraints.Constraint)]:
        for name in names:
            c = constraints.get(name)
            assert type(c) is cls and c.get_config() == cls().get_config(), name
            assert type(constraints.deserialize(name)) is cls
    assert type(constraints.get(constraints.NonNeg)) is constraints.NonNeg
    c = constraints.MaxNorm(3)
    assert constraints.get(c) is c
    fn = lambda w: w  # noqa: E731
    assert constraints.get(fn) is fn
    assert constraints.get(None) is None and constraints.serialize(None) is None


def test_base_constraint_and_custom(backend):
    w = ops.convert_to_tensor(DENSE)
    assert constraints.Constraint()(w) is w
    assert constraints.Constraint().get_config() == {}

    class Clip(constraints.Constraint):
        def __init__(self, limit=1.0):
            self.limit = limit

        def __call__(self, w):
            return ops.clip(w, -self.limit, self.limit)

        def get_config(self):
            return {"limit": self.limit}

    config = constraints.serialize(Clip(0.5))
    with pytest.raises(ValueError, match="Unknown constraint: 'Clip'"):
        constraints.deserialize(config)
    assert constraints.deserialize(config, custom_objects={"Clip": Clip}).limit == 0.5


@pytest.mark.parametrize("make,message", [
    (lambda: constraints.get("maxnorm2"), r"Unknown constraint: 'maxnorm2'"),
    (lambda: constraints.get(3.0), r"Could not interpret constraint identifier: 3.0"),
    (lambda: constraints.deserialize({"class_name": "ClipNorm", "config": {}}),
     r"Unknown constraint: 'ClipNorm'"),
    (lambda: constraints.deserialize({"config": {}}), r"Could not interpret constraint config"),
])
def test_errors(make, message):
    with pytest.raises(ValueError, match=message):
        make()
