"""Identifier resolution through explicit tables."""
import pytest

from kerasish.saving import serialization


class Thing:
    def __init__(self, size=1):
        self.size = size

    def get_config(self):
        return {"size": self.size}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


TABLE = {"Thing": Thing, "thing": Thing}


def test_round_trip_through_the_keras_dict_form():
    config = serialization.serialize_keras_object(Thing(3), "keras.things")
    assert config == {"module": "keras.things", "class_name": "Thing", "config": {"size": 3},
                      "registered_name": None}
    assert serialization.deserialize_keras_object(config, TABLE, "thing").size == 3


def test_string_aliases_and_passthrough():
    assert isinstance(serialization.get("thing", TABLE, "thing"), Thing)
    assert serialization.get(None, TABLE, "thing") is None
    obj = Thing()
    assert serialization.get(obj, TABLE, "thing") is obj


def test_unknown_names_are_refused_never_imported():
    with pytest.raises(ValueError, match=r"Unknown thing: 'os.system'\. Expected one of: Thing, thing"):
        serialization.get("os.system", TABLE, "thing")
    with pytest.raises(ValueError, match=r"Unknown thing: 'Popen'"):
        serialization.deserialize_keras_object({"class_name": "Popen", "module": "subprocess"}, TABLE, "thing")


def test_snake_case():
    assert serialization.snake_case("GlorotUniform") == "glorot_uniform"
    assert serialization.snake_case("L1L2") == "l1_l2"  # Keras's alias
    assert serialization.snake_case("HeNormal") == "he_normal"
