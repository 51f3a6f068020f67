"""Optimizer configs (equal to Keras's, round trips, each side reads the other's), string
aliases, and clear errors for bad arguments."""
import numpy as np
import pytest

import kerasish
from kerasish import optimizers
from tests.conftest import require_backends
from tests.optimizers.optimizer_cases import GRADS, ids, keras, kerasish_variables

# Keras's own Variable.numpy() calls np.array(self) in a way NumPy 2 deprecates.
pytestmark = pytest.mark.filterwarnings("ignore:__array__ implementation:DeprecationWarning")

CONFIG_CASES = [
    ("SGD", {}), ("SGD", {"momentum": 0.9, "nesterov": True, "clipnorm": 1.0}),
    ("Adam", {"amsgrad": True, "use_ema": True, "ema_overwrite_frequency": 3}),
    ("AdamW", {"weight_decay": 0.1, "gradient_accumulation_steps": 4}), ("Adamax", {}),
    ("Nadam", {"global_clipnorm": 2.0}), ("RMSprop", {"centered": True, "momentum": 0.3}),
    ("Adagrad", {"initial_accumulator_value": 0.2}), ("Adadelta", {"rho": 0.9}),
    ("Ftrl", {"l1_regularization_strength": 0.1, "beta": 0.5}), ("Lion", {"beta_2": 0.9}),
    ("Lamb", {"clipvalue": 0.5, "loss_scale_factor": 128.0}),
    ("Adam", {"learning_rate": 0.01, "weight_decay": 0.001}),
]


@pytest.mark.parametrize("name,kwargs", CONFIG_CASES, ids=ids(CONFIG_CASES))
def test_config_matches_keras_and_round_trips(name, kwargs):
    k = keras()
    ours = getattr(optimizers, name)(name="opt", **kwargs)
    theirs = getattr(k.optimizers, name)(name="opt", **kwargs)
    assert ours.get_config() == theirs.get_config()
    serialized = optimizers.serialize(ours)
    assert serialized == k.optimizers.serialize(theirs)
    again = optimizers.deserialize(serialized)
    assert type(again) is type(ours) and again.get_config() == ours.get_config()
    # What Keras's .keras loading runs (keras.optimizers.deserialize itself cannot read Lamb).
    assert type(k.saving.deserialize_keras_object(serialized)) is type(theirs)
    assert type(optimizers.get(k.optimizers.serialize(theirs))) is type(ours)


def test_schedule_and_callable_learning_rates_in_config():
    k = keras()
    schedule = dict(initial_learning_rate=0.1, decay_steps=10, warmup_target=0.2, warmup_steps=3)
    ours = optimizers.Adam(learning_rate=optimizers.schedules.CosineDecay(**schedule), name="o")
    theirs = k.optimizers.Adam(learning_rate=k.optimizers.schedules.CosineDecay(**schedule),
                               name="o")
    assert optimizers.serialize(ours) == k.optimizers.serialize(theirs)
    again = optimizers.deserialize(optimizers.serialize(ours))
    assert isinstance(again._learning_rate, optimizers.schedules.CosineDecay)
    assert again.get_config() == ours.get_config()

    @kerasish.saving.register_keras_serializable(package="OptimizerTests")
    def constant_rate():
        return 0.05

    ours = optimizers.SGD(learning_rate=constant_rate)
    config = ours.get_config()["learning_rate"]
    assert config["class_name"] == "function"
    assert optimizers.SGD.from_config(ours.get_config())._learning_rate is constant_rate


ALIASES = ["sgd", "SGD", "adam", "Adam", "ADAM", "adamw", "AdamW", "rmsprop", "RMSprop", "adagrad",
           "adadelta", "adamax", "nadam", "ftrl", "lion"]


@pytest.mark.parametrize("alias", ALIASES)
def test_string_aliases_resolve_like_keras(backend, alias):
    theirs = keras().optimizers.get(alias)
    ours = optimizers.get(alias)
    assert type(ours).__name__ == type(theirs).__name__
    assert {k: v for k, v in ours.get_config().items() if k != "name"} == {
        k: v for k, v in theirs.get_config().items() if k != "name"}


def test_get_passes_instances_and_none_and_resolves_lamb():
    adam = optimizers.Adam()
    assert optimizers.get(adam) is adam
    assert optimizers.get(None) is None
    assert isinstance(optimizers.get("lamb"), optimizers.Lamb)  # Keras 3.15 fails on "lamb"
    assert isinstance(optimizers.get({"class_name": "Adam", "config": {"learning_rate": 0.1}}),
                      optimizers.Adam)


def test_default_names_are_unique_like_keras():
    names = [optimizers.RMSprop().name for _ in range(2)]
    assert names[0].startswith("rm_sprop") and names[0] != names[1]
    assert optimizers.AdamW().name.startswith("adam_w")


def test_variables_order_and_names(backend):
    optimizer = optimizers.Adam(name="opt", use_ema=True, gradient_accumulation_steps=2,
                                amsgrad=True)
    variables = kerasish_variables()
    optimizer.build(variables)
    assert [v.path for v in optimizer.variables] == [
        "opt/iteration", "opt/learning_rate", "opt/v0_average", "opt/v1_average",
        "opt/v0_gradient_accumulator", "opt/v1_gradient_accumulator", "opt/v0_momentum",
        "opt/v0_velocity", "opt/v1_momentum", "opt/v1_velocity", "opt/v0_velocity_hat",
        "opt/v1_velocity_hat"]
    assert optimizer.variables[0].dtype == "int32"
    assert not any(v.trainable for v in optimizer.variables)


def test_learning_rate_property_and_setter(backend):
    optimizer = optimizers.SGD(learning_rate=0.1)
    assert optimizer.learning_rate.name == "learning_rate"
    optimizer.learning_rate = 0.5
    assert float(optimizer.learning_rate) == 0.5
    n = len(optimizer.variables)
    optimizer.learning_rate = optimizers.schedules.ExponentialDecay(0.1, 10, 0.5)
    assert len(optimizer.variables) == n - 1  # the rate variable is no longer state
    with pytest.raises(TypeError, match="not settable"):
        optimizer.learning_rate = 0.3
    with pytest.raises(ValueError, match="learning rate must be set"):
        optimizers.SGD().learning_rate = "fast"


@pytest.mark.parametrize("kwargs,match", [
    ({"learning_rate": "0.1"}, "`learning_rate` should be a float"),
    ({"learning_rate": None}, "`learning_rate` should be a float"),
    ({"learning_rate": True}, "`learning_rate` should be a float"),
    ({"clipnorm": 1.0, "global_clipnorm": 1.0}, "only one of `clipnorm`, `clipvalue`"),
    ({"clipnorm": 1.0, "clipvalue": 1.0}, "only one of `clipnorm`, `clipvalue`"),
    ({"clipnorm": -1.0}, "`clipnorm` must be a non-negative number"),
    ({"weight_decay": "l2"}, "`weight_decay` must be a non-negative number"),
    ({"gradient_accumulation_steps": 1}, "`gradient_accumulation_steps` must be an integer >= 2"),
    ({"use_ema": True, "ema_momentum": 1.5}, r"`ema_momentum` must be in the range \[0, 1\]"),
    ({"use_ema": True, "ema_overwrite_frequency": 0.5}, "`ema_overwrite_frequency` must be"),
    ({"loss_scale_factor": 0}, "`loss_scale_factor` must be a positive number"),
    ({"bogus": 1}, "argument\\(s\\) not recognized"),
    ({"name": "a/b"}, "`name` must be a string without '/'"),
    ({"momentum": 1.5}, "`momentum` must be a float between"),
])
def test_bad_constructor_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        optimizers.SGD(**kwargs)


def test_bad_optimizer_specific_arguments():
    with pytest.raises(ValueError, match="AdamW: argument `weight_decay` must be a float"):
        optimizers.AdamW(weight_decay=None)
    with pytest.raises(ValueError, match="`beta_1` must be in the"):
        optimizers.Lion(beta_1=0.0)
    with pytest.raises(ValueError, match="`learning_rate_power` needs to be negative"):
        optimizers.Ftrl(learning_rate_power=0.5)
    with pytest.raises(ValueError, match="`l1_regularization_strength` needs to be positive"):
        optimizers.Ftrl(l1_regularization_strength=-1.0)
    with pytest.warns(UserWarning, match="`decay` is no longer supported"):
        optimizers.SGD(decay=0.1)


def test_unknown_identifiers():
    with pytest.raises(ValueError, match="Could not interpret optimizer identifier: 'bogus'.*adam"):
        optimizers.get("bogus")
    with pytest.raises(ValueError, match="Could not interpret optimizer identifier"):
        optimizers.get(3)
    with pytest.raises(ValueError, match="Unknown optimizer: 'Nope'"):
        optimizers.deserialize({"class_name": "Nope", "config": {}})


def test_apply_errors(backend):
    optimizer = optimizers.Adam()
    variables = kerasish_variables()
    with pytest.raises(ValueError, match="received 1 gradients for 2 variables"):
        optimizer.apply(GRADS[0][:1], variables)
    with pytest.raises(ValueError, match="must already be built"):
        optimizer.apply(GRADS[0])
    with pytest.raises(ValueError, match=r"gradient for variable 'v0' has shape \(2,\)"):
        optimizer.apply([GRADS[0][1], GRADS[0][1]], variables)
    optimizer.apply(GRADS[0], variables)
    with pytest.raises(ValueError, match="Unknown variable"):
        optimizer.apply(GRADS[0], kerasish_variables())
    with pytest.raises(ValueError, match="No gradients provided for any variable"):
        optimizer.apply([None, None], variables)
    with pytest.raises(ValueError, match=r"expected \(gradient, variable\) pairs"):
        optimizer.apply_gradients([GRADS[0][0]])
    with pytest.raises(ValueError, match="expected 6 arrays"):
        optimizer.set_weights([np.zeros(1)])
    optimizer.apply_gradients([])  # nothing to do
    assert int(optimizer.iterations) == 1


@require_backends("numpy", "jax")
def test_build_on_another_backends_variables():
    with kerasish.backend.use_backend("numpy"):
        optimizer = optimizers.Adam()
    with kerasish.backend.use_backend("jax"):
        with pytest.raises(ValueError, match="belongs to another backend.*'numpy'"):
            optimizer.build(kerasish_variables())
