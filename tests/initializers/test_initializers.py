"""kerasish.initializers: seeding across backends, Keras's configs, statistics, fans, errors."""
import math

import numpy as np
import pytest

import kerasish
from kerasish import initializers as I
from kerasish import ops
from kerasish.random import SeedGenerator
from tests.conftest import require_backends

RANDOM_CLASSES = [I.RandomNormal, I.RandomUniform, I.TruncatedNormal, I.VarianceScaling,
                  I.GlorotNormal, I.GlorotUniform, I.HeNormal, I.HeUniform, I.LecunNormal,
                  I.LecunUniform, I.Orthogonal]
ALL_CLASSES = RANDOM_CLASSES + [I.Zeros, I.Ones, I.Constant, I.Identity]


def _values(init, shape, backend, dtype=None):
    with kerasish.backend.use_backend(backend):
        out = init(shape, dtype=dtype)
        return np.asarray(out)


@require_backends("numpy", "jax")
@pytest.mark.parametrize("cls", RANDOM_CLASSES, ids=lambda c: c.__name__)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_same_seed_bit_identical_across_backends(cls, dtype):
    a = _values(cls(seed=1234), (5, 7), "numpy", dtype)
    b = _values(cls(seed=1234), (5, 7), "jax", dtype)
    assert a.dtype == b.dtype == np.dtype(dtype)
    assert a.tobytes() == b.tobytes()


@pytest.mark.parametrize("cls", RANDOM_CLASSES, ids=lambda c: c.__name__)
def test_int_seed_is_deterministic_per_instance(backend, cls):
    init = cls(seed=7)
    first, second = np.asarray(init((4, 6))), np.asarray(init((4, 6)))
    np.testing.assert_array_equal(first, second)
    assert not np.array_equal(first, np.asarray(cls(seed=8)((4, 6))))


def test_unseeded_follows_set_random_seed(backend):
    kerasish.utils.set_random_seed(3)
    a = np.asarray(I.GlorotUniform()((4, 4)))
    b = np.asarray(I.GlorotUniform()((4, 4)))
    kerasish.utils.set_random_seed(3)
    np.testing.assert_array_equal(np.asarray(I.GlorotUniform()((4, 4))), a)
    np.testing.assert_array_equal(np.asarray(I.GlorotUniform()((4, 4))), b)
    assert not np.array_equal(a, b)


def test_seed_generator_gives_new_values_each_call(backend):
    init = I.RandomNormal(seed=SeedGenerator(5))
    first, second = np.asarray(init((3, 3))), np.asarray(init((3, 3)))
    assert not np.array_equal(first, second)
    again = I.RandomNormal(seed=SeedGenerator(5))
    np.testing.assert_array_equal(np.asarray(again((3, 3))), first)


def test_default_dtype_is_floatx(backend):
    for init in (I.Zeros(), I.Ones(), I.Constant(2.0), I.Identity(), I.GlorotUniform(seed=1)):
        assert np.asarray(init((2, 2))).dtype == np.float32


# ---- configs and defaults equal Keras's ----

def _keras_initializers():
    keras = pytest.importorskip("keras")
    return keras.initializers


@pytest.mark.parametrize("cls", ALL_CLASSES, ids=lambda c: c.__name__)
def test_default_config_matches_keras(cls):
    kinit = _keras_initializers()
    kcls = getattr(kinit, cls.__name__)
    kwargs = {"seed": 11} if cls in RANDOM_CLASSES else {}
    assert cls(**kwargs).get_config() == _keras_config(kcls, kwargs)


def _keras_config(kcls, kwargs):
    """Keras's config, except that Keras 3.15's Identity.get_config() is {} (its gain is lost on
    a round trip), where ours keeps the gain."""
    config = kcls(**kwargs).get_config()
    if kcls.__name__ == "Identity":
        config = {"gain": kwargs.get("gain", 1.0)}
    return config


CUSTOM = [
    (I.RandomNormal, dict(mean=1.0, stddev=2.0, seed=3)),
    (I.RandomUniform, dict(minval=-1.0, maxval=3.0, seed=None)),
    (I.TruncatedNormal, dict(mean=-1.0, stddev=0.5, seed=4)),
    (I.VarianceScaling, dict(scale=2.0, mode="fan_avg", distribution="uniform", seed=5)),
    (I.VarianceScaling, dict(scale=0.5, mode="fan_out", distribution="normal")),
    (I.VarianceScaling, dict(distribution="untruncated_normal", input_axes=[0], output_axes=[1])),
    (I.HeUniform, dict(seed=2, input_axes=[0, 1], output_axes=[2])),
    (I.Orthogonal, dict(gain=2.0, seed=9)),
    (I.Identity, dict(gain=3.0)),
    (I.Constant, dict(value=0.25)),
]


@pytest.mark.parametrize("cls,kwargs", CUSTOM, ids=[c.__name__ for c, _ in CUSTOM])
def test_config_matches_keras_and_round_trips(cls, kwargs):
    kinit = _keras_initializers()
    ours = cls(**kwargs)
    assert ours.get_config() == _keras_config(getattr(kinit, cls.__name__), kwargs)
    again = cls.from_config(ours.get_config())
    assert again.get_config() == ours.get_config()
    assert I.deserialize(I.serialize(ours)).get_config() == ours.get_config()
    theirs = kinit.serialize(getattr(kinit, cls.__name__)(**kwargs))
    assert I.serialize(ours) == {**theirs, "config": _keras_config(getattr(kinit, cls.__name__), kwargs)}


def test_seed_generator_config_round_trips():
    init = I.RandomUniform(seed=SeedGenerator(3, name="gen"))
    config = init.get_config()
    assert config["seed"]["class_name"] == "SeedGenerator"
    clone = I.RandomUniform.from_config(config)
    assert isinstance(clone.seed, SeedGenerator)


def test_clone(backend):
    init = I.HeNormal(seed=4)
    np.testing.assert_array_equal(np.asarray(init.clone()((3, 5))), np.asarray(init((3, 5))))


# ---- statistics ----

SHAPE = (400, 500)  # fan_in 400, fan_out 500


def _truncated_std(stddev):
    return stddev * 0.87962566103423978


STATS = [
    # (initializer, expected mean, expected std, bound (or None))
    (I.RandomNormal(mean=0.5, stddev=2.0, seed=1), 0.5, 2.0, None),
    (I.RandomUniform(minval=-1.0, maxval=3.0, seed=1), 1.0, 4 / math.sqrt(12), (-1.0, 3.0)),
    (I.TruncatedNormal(mean=1.0, stddev=0.5, seed=1), 1.0, _truncated_std(0.5), (0.0, 2.0)),
    (I.GlorotUniform(seed=1), 0.0, math.sqrt(2 / 900), (-math.sqrt(6 / 900), math.sqrt(6 / 900))),
    (I.GlorotNormal(seed=1), 0.0, math.sqrt(2 / 900),
     (-2 * math.sqrt(2 / 900) / 0.87962566103423978, 2 * math.sqrt(2 / 900) / 0.87962566103423978)),
    (I.HeNormal(seed=1), 0.0, math.sqrt(2 / 400), None),
    (I.HeUniform(seed=1), 0.0, math.sqrt(2 / 400), (-math.sqrt(6 / 400), math.sqrt(6 / 400))),
    (I.LecunNormal(seed=1), 0.0, math.sqrt(1 / 400), None),
    (I.LecunUniform(seed=1), 0.0, math.sqrt(1 / 400), (-math.sqrt(3 / 400), math.sqrt(3 / 400))),
    (I.VarianceScaling(scale=3.0, mode="fan_out", distribution="untruncated_normal", seed=1),
     0.0, math.sqrt(3 / 500), None),
]


@pytest.mark.parametrize("init,mean,std,bounds", STATS, ids=[type(s[0]).__name__ for s in STATS])
def test_statistics(init, mean, std, bounds):
    values = np.asarray(init(SHAPE), dtype=np.float64)
    assert abs(values.mean() - mean) < 4 * std / math.sqrt(values.size) + 1e-9
    assert values.std() == pytest.approx(std, rel=0.01)
    if bounds is not None:
        lo, hi = bounds
        assert values.min() >= lo - 1e-6 and values.max() <= hi + 1e-6
        assert values.min() < lo + 0.01 * (hi - lo) and values.max() > hi - 0.01 * (hi - lo)


# ---- fans ----

@pytest.mark.parametrize("shape,fans", [
    ((), (1, 1)), ((7,), (7, 7)), ((3, 5), (3, 5)), ((3, 3, 4, 8), (36, 72)),
    ((5, 2, 6), (10, 30)), ((2, 3, 3, 4, 8), (72, 144)),
])
def test_compute_fans(shape, fans):
    assert I.compute_fans(shape) == fans


def test_compute_fans_axes():
    assert I.compute_fans((2, 3, 4), input_axes=[0, 1], output_axes=[2]) == (6, 4)


def test_conv_kernel_uses_receptive_field():
    values = np.asarray(I.HeUniform(seed=0)((3, 3, 16, 32)), np.float64)
    limit = math.sqrt(6 / (3 * 3 * 16))
    assert values.max() <= limit and values.max() > 0.95 * limit


# ---- Orthogonal and Identity ----

@pytest.mark.parametrize("shape", [(6, 4), (4, 6), (5, 5), (2, 3, 4)])
def test_orthogonal(backend, shape):
    q = np.asarray(I.Orthogonal(gain=2.0, seed=0)(shape, dtype="float64"))
    assert q.shape == shape
    flat = q.reshape(-1, shape[-1]) / 2.0
    small = flat.T @ flat if flat.shape[0] >= flat.shape[1] else flat @ flat.T
    np.testing.assert_allclose(small, np.eye(small.shape[0]), atol=1e-12)


def test_identity(backend):
    np.testing.assert_array_equal(np.asarray(I.Identity(gain=2.0)((3, 4))), 2.0 * np.eye(3, 4))
    assert np.asarray(I.Identity()((2, 2), dtype="float64")).dtype == np.float64


def test_constant_zeros_ones(backend):
    np.testing.assert_array_equal(np.asarray(I.Constant(0.5)((2, 3))), np.full((2, 3), 0.5, np.float32))
    np.testing.assert_array_equal(np.asarray(I.Constant([1.0, 2.0])((3, 2))), [[1, 2]] * 3)
    np.testing.assert_array_equal(np.asarray(I.Zeros()((2,), dtype="int32")), np.zeros(2, np.int32))
    np.testing.assert_array_equal(np.asarray(I.Ones()((2, 2))), np.ones((2, 2), np.float32))


# ---- aliases and get ----

@pytest.mark.parametrize("name", ["zeros", "zero", "ones", "one", "constant", "identity",
                                  "IdentityInitializer", "glorot_uniform", "glorot_normal",
                                  "he_normal", "he_uniform", "lecun_normal", "lecun_uniform",
                                  "orthogonal", "OrthogonalInitializer", "random_normal", "normal",
                                  "random_uniform", "uniform", "truncated_normal",
                                  "variance_scaling", "GlorotUniform", "HeNormal"])
def test_aliases_resolve_as_keras(name):
    kinit = _keras_initializers()
    ours = I.get(name)
    if name == "constant":  # Keras 3.15's get("constant") fails (Constant.from_config({}) needs "value")
        assert type(ours) is I.Constant and ours.value == 0.0
    else:
        assert type(ours).__name__ == type(kinit.get(name)).__name__
    assert isinstance(ours, I.Initializer)


def test_alias_table_matches_keras():
    kinit = _keras_initializers()
    from keras.src.initializers import ALL_OBJECTS_DICT as keras_table
    missing = set(keras_table) - set(I.ALL_OBJECTS_DICT)
    assert not missing, missing
    assert kinit is not None


@pytest.mark.parametrize("kwargs", [
    {}, {"side": "imag"}, {"window": "hamming", "scaling": "spectrum"},
    {"window": "blackman", "periodic": True}, {"window": "bartlett"}, {"window": None},
    {"window": "boxcar", "scaling": None}, {"window": list(np.linspace(0.1, 1, 8))},
])
def test_stft_matches_keras(backend, kwargs):
    kinit = _keras_initializers()
    ours = np.asarray(ops.convert_to_numpy(I.STFT(**kwargs)((8, 1, 5))))
    theirs = np.asarray(kinit.STFT(**kwargs)((8, 1, 5)))
    np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)
    assert I.get("stft").get_config() == kinit.get("stft").get_config()


def test_stft_errors():
    with pytest.raises(ValueError, match="side should be 'real' or 'imag'"):
        I.STFT(side="both")
    with pytest.raises(ValueError, match="unknown window 'kaiser'"):
        I.STFT(window="kaiser")
    with pytest.raises(ValueError, match="Scaling is invalid"):
        I.STFT(scaling="l3")


def test_get_other_identifiers(backend):
    assert I.get(None) is None
    assert isinstance(I.get(I.HeNormal), I.HeNormal)
    init = I.RandomUniform(seed=1)
    assert I.get(init) is init
    fn = lambda shape, dtype=None: kerasish.ops.ones(shape, dtype)  # noqa: E731
    assert I.get(fn) is fn
    assert isinstance(I.get({"class_name": "Constant", "config": {"value": 2.0}}), I.Constant)
    array = np.arange(6.0).reshape(2, 3)
    from_array = I.get(array)
    np.testing.assert_array_equal(np.asarray(from_array((2, 3))), array.astype(np.float32))
    with pytest.raises(ValueError, match=r"Expected `shape` to be \(2, 3\)"):
        from_array((3, 2))


# ---- errors ----

def test_unknown_alias():
    with pytest.raises(ValueError, match=r"Unknown initializer: 'glorot_uniformm'.*he_normal"):
        I.get("glorot_uniformm")
    with pytest.raises(ValueError, match="Unknown initializer"):
        I.deserialize({"class_name": "Nope", "config": {}})


def test_bad_mode_and_distribution():
    with pytest.raises(ValueError, match=r"VarianceScaling: `mode` must be one of.*mode='fan_sum'"):
        I.VarianceScaling(mode="fan_sum")
    with pytest.raises(ValueError, match=r"VarianceScaling: `distribution` must be one of.*'gamma'"):
        I.VarianceScaling(distribution="gamma")
    with pytest.raises(ValueError, match=r"VarianceScaling: `scale` must be a positive float"):
        I.VarianceScaling(scale=0.0)


def test_bad_seed():
    with pytest.raises(ValueError, match=r"RandomNormal: `seed` must be an int"):
        I.RandomNormal(seed="abc")


def test_identity_and_orthogonal_shapes(backend):
    with pytest.raises(ValueError, match=r"Identity: .*2D matrices.*shape=\(2, 2, 2\)"):
        I.Identity()((2, 2, 2))
    with pytest.raises(ValueError, match=r"Orthogonal: .*at least two-dimensional.*shape=\(4,\)"):
        I.Orthogonal(seed=1)((4,))


def test_random_int_dtype_is_an_error(backend):
    with pytest.raises(ValueError, match=r"GlorotUniform: `dtype` must be a floating-point dtype"):
        I.GlorotUniform(seed=1)((2, 2), dtype="int32")
