"""Learning-rate schedules against Keras 3: values at many steps (warmup, restarts, cycles and
staircases included), configs, serialization round trips, jit, errors."""
import numpy as np
import pytest

import kerasish
from kerasish import ops
from kerasish.optimizers import schedules
from tests.conftest import require_backends
from tests.optimizers.optimizer_cases import ids, keras

CASES = [
    ("ExponentialDecay", {"initial_learning_rate": 0.1, "decay_steps": 3, "decay_rate": 0.5}),
    ("ExponentialDecay", {"initial_learning_rate": 0.1, "decay_steps": 3, "decay_rate": 0.5,
                          "staircase": True}),
    ("PiecewiseConstantDecay", {"boundaries": [2, 5], "values": [1.0, 0.5, 0.1]}),
    ("PiecewiseConstantDecay", {"boundaries": [3], "values": [1.0, 0.5]}),
    ("PolynomialDecay", {"initial_learning_rate": 0.1, "decay_steps": 4, "power": 2.0}),
    ("PolynomialDecay", {"initial_learning_rate": 0.1, "decay_steps": 4, "cycle": True,
                         "end_learning_rate": 0.01}),
    ("InverseTimeDecay", {"initial_learning_rate": 0.1, "decay_steps": 3, "decay_rate": 0.5}),
    ("InverseTimeDecay", {"initial_learning_rate": 0.1, "decay_steps": 3, "decay_rate": 0.5,
                          "staircase": True}),
    ("CosineDecay", {"initial_learning_rate": 0.1, "decay_steps": 5}),
    ("CosineDecay", {"initial_learning_rate": 0.1, "decay_steps": 5, "alpha": 0.1}),
    ("CosineDecay", {"initial_learning_rate": 0.0, "decay_steps": 5, "warmup_target": 0.2,
                     "warmup_steps": 3}),
    ("CosineDecay", {"initial_learning_rate": 0.01, "decay_steps": 4, "alpha": 0.2,
                     "warmup_target": 0.1, "warmup_steps": 2}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 3}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 3, "t_mul": 1.0,
                             "m_mul": 0.5, "alpha": 0.1}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 2, "t_mul": 1.5,
                             "m_mul": 0.8}),
]
STEPS = np.arange(16)


def _keras_values(name, kwargs):
    schedule = getattr(keras().optimizers.schedules, name)(**kwargs)
    return np.array([float(schedule(int(s))) for s in STEPS]), schedule


@pytest.mark.parametrize("name,kwargs", CASES, ids=ids(CASES))
def test_values_match_keras(backend, name, kwargs):
    expected, theirs = _keras_values(name, kwargs)
    ours = getattr(schedules, name)(**kwargs)
    got = np.array([float(ops.convert_to_numpy(ours(int(s)))) for s in STEPS])
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-7)
    # On the optimizer's int32 iteration counter (a Variable), in float32.
    step = kerasish.Variable(7, dtype="int32")
    value = ours(step)
    assert ops.dtype(value) == "float32"
    np.testing.assert_allclose(ops.convert_to_numpy(value), expected[7], rtol=1e-5, atol=1e-7)
    # Same config as Keras; serialization round trips, and each side reads the other's.
    assert ours.get_config() == theirs.get_config()
    serialized = schedules.serialize(ours)
    assert serialized == keras().optimizers.schedules.serialize(theirs)
    again = schedules.deserialize(serialized)
    assert type(again) is type(ours) and again.get_config() == ours.get_config()
    assert type(keras().optimizers.schedules.deserialize(serialized)).__name__ == name


@require_backends("jax")
def test_schedules_jit():
    with kerasish.backend.use_backend("jax"):
        for name, kwargs in CASES[::3] + [CASES[10]]:
            expected, _ = _keras_values(name, kwargs)
            fn = ops.jit(getattr(schedules, name)(**kwargs))
            got = [float(ops.convert_to_numpy(fn(ops.convert_to_tensor(int(s))))) for s in STEPS]
            np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-7, err_msg=name)


def test_custom_schedule_round_trips_through_an_optimizer(backend):
    @kerasish.saving.register_keras_serializable(package="OptimizerTests")
    class Halving(schedules.LearningRateSchedule):
        def __init__(self, rate):
            self.rate = rate

        def __call__(self, step):
            return ops.divide(self.rate, ops.power(2.0, ops.cast(step, "float32")))

        def get_config(self):
            return {"rate": self.rate}

    optimizer = kerasish.optimizers.SGD(learning_rate=Halving(0.4))
    config = kerasish.optimizers.serialize(optimizer)
    assert config["config"]["learning_rate"]["registered_name"] == "OptimizerTests>Halving"
    again = kerasish.optimizers.deserialize(config)
    assert isinstance(again._learning_rate, Halving) and again._learning_rate.rate == 0.4


def test_schedule_errors():
    with pytest.raises(ValueError, match="decay_steps` must be > 0"):
        schedules.ExponentialDecay(0.1, 0, 0.5)
    with pytest.raises(ValueError, match="decay_steps` must be > 0"):
        schedules.CosineDecay(0.1, -1)
    with pytest.raises(ValueError, match="first_decay_steps` must be > 0"):
        schedules.CosineDecayRestarts(0.1, 0)
    with pytest.raises(ValueError, match="1 less than the length of values"):
        schedules.PiecewiseConstantDecay([1, 2], [0.1, 0.2])
    with pytest.raises(ValueError, match="Unknown learning rate schedule: 'Nope'"):
        schedules.deserialize({"class_name": "Nope", "config": {}})
    with pytest.raises(NotImplementedError, match="must override `__call__"):
        schedules.LearningRateSchedule()(1)
