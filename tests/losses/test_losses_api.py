"""kerasish.losses' API against Keras 3: names, aliases and signatures; get/serialize/deserialize;
configs and their round trip."""
import inspect

import numpy as np
import pytest

from kerasish import losses
from kerasish.saving import register_keras_serializable
from tests.losses.loss_cases import CASES

keras = pytest.importorskip("keras")
from keras.src import losses as keras_src_losses  # noqa: E402  (ALL_OBJECTS_DICT lives there)

# Constructor arguments Keras's get_config drops (so its round trip resets them); kerasish writes
# them when they differ from these defaults (docs/differences-from-keras.md, "Losses").
EXTRA_CONFIG = {"Huber": ("delta", 1.0), "CosineSimilarity": ("axis", -1),
                "SparseCategoricalCrossentropy": ("axis", -1)}
KERAS_PUBLIC = sorted(n for n in dir(keras.losses) if not n.startswith("_"))
CLASS_CASES = list({(c.cls, c.kwargs): c for c in CASES}.values())


def _case_id(c):
    return c.id.rsplit("-", 1)[0]


def test_alias_table_matches_keras():
    assert set(losses.ALL_OBJECTS_DICT) == set(keras_src_losses.ALL_OBJECTS_DICT)
    for name, obj in keras_src_losses.ALL_OBJECTS_DICT.items():
        assert losses.ALL_OBJECTS_DICT[name].__name__ == obj.__name__, name


def test_every_public_keras_name_exists():
    assert set(KERAS_PUBLIC) <= set(dir(losses))
    assert issubclass(losses.MeanSquaredError, losses.LossFunctionWrapper)
    assert issubclass(losses.LossFunctionWrapper, losses.Loss)


@pytest.mark.parametrize("name", [n for n in KERAS_PUBLIC if n not in ("get", "serialize", "deserialize")])
def test_signature_matches_keras(name):
    def params(obj):
        return [(p.name, p.kind, p.default) for p in inspect.signature(obj).parameters.values()]
    assert params(getattr(losses, name)) == params(getattr(keras.losses, name))


@pytest.mark.parametrize("name", sorted(keras_src_losses.ALL_OBJECTS_DICT))
def test_get_resolves_each_name_as_keras(name):
    if name == "LossFunctionWrapper":  # needs `fn`: neither library can build it from a name
        with pytest.raises(TypeError):
            keras.losses.get(name)
        with pytest.raises(TypeError):
            losses.get(name)
        return
    expected, got = keras.losses.get(name), losses.get(name)
    if inspect.isfunction(expected):
        assert got is losses.ALL_OBJECTS_DICT[name] and got.__name__ == expected.__name__
        assert losses.serialize(got) == keras.losses.serialize(expected)
        assert losses.deserialize(losses.serialize(got)) is got
        assert losses.deserialize(name) is got
    else:
        assert type(got).__name__ == type(expected).__name__
        without_name = lambda config: {k: v for k, v in config.items() if k != "name"}  # noqa: E731
        assert without_name(got.get_config()) == without_name(expected.get_config())
        assert type(losses.deserialize(name)) is type(got)


@pytest.mark.parametrize("case", CLASS_CASES, ids=_case_id)
def test_config_matches_keras_and_round_trips(case):
    kwargs = dict(case.kwargs)
    ours, theirs = getattr(losses, case.cls)(**kwargs), getattr(keras.losses, case.cls)(**kwargs)
    expected = theirs.get_config()
    extra = EXTRA_CONFIG.get(case.cls)
    if extra and kwargs.get(extra[0], extra[1]) != extra[1]:
        expected[extra[0]] = kwargs[extra[0]]
    assert ours.get_config() == expected
    serialized = losses.serialize(ours)
    assert serialized == dict(keras.losses.serialize(theirs), config=expected)
    for restored in (type(ours).from_config(ours.get_config()), losses.deserialize(serialized),
                     losses.get(serialized)):
        assert type(restored) is type(ours) and restored.get_config() == ours.get_config()
    # Keras reads what kerasish writes (and takes the extra arguments). Keras 3.15 cannot read its
    # own CategoricalGeneralizedCrossEntropy (it is not in its table; deserialize returns a str).
    if case.cls != "CategoricalGeneralizedCrossEntropy":
        assert keras.losses.deserialize(serialized).get_config() == theirs.get_config()


def test_config_keeps_name_reduction_and_arguments():
    loss = losses.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.3, gamma=1.0,
                                          from_logits=True, label_smoothing=0.1, axis=1,
                                          reduction="sum", name="bfce")
    restored = losses.deserialize(losses.serialize(loss))
    assert (restored.name, restored.reduction, restored.alpha, restored.from_logits, restored.axis) == \
        ("bfce", "sum", 0.3, True, 1)
    assert losses.Huber.from_config(losses.Huber(delta=0.5).get_config()).delta == 0.5
    assert losses.Loss(reduction=None).get_config()["reduction"] is None


def test_loss_function_wrapper_config_matches_keras():
    ours = losses.LossFunctionWrapper(losses.huber, name="w", reduction="sum", delta=2.0)
    theirs = keras_src_losses.LossFunctionWrapper(keras.losses.huber, name="w", reduction="sum",
                                                  delta=2.0)
    assert ours.get_config() == theirs.get_config()
    assert losses.serialize(ours) == keras.losses.serialize(theirs)
    restored = losses.deserialize(losses.serialize(ours))
    assert restored.fn is losses.huber and restored._fn_kwargs == {"delta": 2.0}
    y_true, y_pred = np.zeros((2, 3), "float32"), np.full((2, 3), 3.0, "float32")
    np.testing.assert_allclose(restored(y_true, y_pred), theirs(y_true, y_pred), rtol=1e-6)


def test_registered_custom_function_round_trips():
    @register_keras_serializable("tests_losses")
    def doubled_mse(y_true, y_pred):
        return 2 * losses.mean_squared_error(y_true, y_pred)

    wrapper = losses.LossFunctionWrapper(doubled_mse, name="d")
    assert wrapper.get_config()["fn"]["config"] == "tests_losses>doubled_mse"
    assert losses.deserialize(losses.serialize(wrapper)).fn is doubled_mse
    assert losses.get("tests_losses>doubled_mse") is doubled_mse


def test_custom_loss_class_round_trips_through_custom_objects():
    class Scaled(losses.Loss):
        def __init__(self, factor=2.0, **kwargs):
            super().__init__(**kwargs)
            self.factor = factor

        def call(self, y_true, y_pred):
            return self.factor * losses.mean_absolute_error(y_true, y_pred)

        def get_config(self):
            return dict(super().get_config(), factor=self.factor)

    serialized = losses.serialize(Scaled(3.0, name="s"))
    assert serialized["class_name"] == "Scaled" and serialized["registered_name"] == "Scaled"
    with pytest.raises(ValueError, match="Could not interpret loss identifier: 'Scaled'"):
        losses.deserialize(serialized)
    restored = losses.deserialize(serialized, custom_objects={"Scaled": Scaled})
    assert restored.factor == 3.0 and restored.name == "s"


def test_get_passes_objects_through_and_builds_classes():
    loss = losses.Hinge()
    assert losses.get(None) is None
    assert losses.get(loss) is loss
    assert losses.get(losses.poisson) is losses.poisson
    assert isinstance(losses.get(losses.Poisson), losses.Poisson)
    built = losses.get({"class_name": "CategoricalCrossentropy", "config": {"from_logits": True}})
    assert isinstance(built, losses.CategoricalCrossentropy) and built.from_logits
    assert isinstance(losses.get("CategoricalCrossentropy"), losses.CategoricalCrossentropy)
    assert losses.get("categorical_crossentropy") is losses.categorical_crossentropy


def test_unknown_identifiers_are_clear_errors():
    with pytest.raises(ValueError, match="Could not interpret loss identifier: 'nope'.*mse"):
        losses.get("nope")
    with pytest.raises(ValueError, match="Could not interpret loss identifier: 'logcosh'"):
        losses.get("logcosh")  # a Keras 2 alias that Keras 3 dropped too
    with pytest.raises(ValueError, match="Could not interpret loss identifier: 'Nope'"):
        losses.deserialize({"class_name": "Nope", "config": {}})
    with pytest.raises(ValueError, match="Could not deserialize the loss function"):
        losses.deserialize({"class_name": "function", "config": "not_a_loss"})
    with pytest.raises(ValueError, match="Could not interpret loss identifier: 42"):
        losses.get(42)
    with pytest.raises(ValueError, match="Could not interpret loss config"):
        losses.deserialize(["mse"])
    with pytest.raises(ValueError, match="serialize"):
        losses.serialize(42)
