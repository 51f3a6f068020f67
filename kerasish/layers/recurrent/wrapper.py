"""Wrapper: the base of layers that wrap another layer (as keras.layers.Wrapper); its config
nests the wrapped layer's serialized form under "layer", as Keras does."""
from kerasish.backend.name_scope import name_scope
from kerasish.layers.layer import Layer


def build_sublayer(layer, input_shape):
    """Builds `layer` for `input_shape` as its own call would (weights under its name), and
    records the shape for its build_config."""
    if layer.built:
        return
    with name_scope(layer.name):
        layer.build(input_shape)
    layer.built = True
    if layer._build_shapes_dict is None:
        layer._build_shapes_dict = {"input_shape": tuple(input_shape)}


class Wrapper(Layer):
    def __init__(self, layer, **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError(
                f"{type(self).__name__}: the wrapped `layer` must be a kerasish Layer instance; "
                f"received layer={layer!r}.")
        super().__init__(**kwargs)
        self.layer = layer

    def build(self, input_shape=None):
        build_sublayer(self.layer, input_shape)
        self.built = True

    def get_config(self):
        from kerasish.layers.serialization import serialize
        return {**super().get_config(), "layer": serialize(self.layer)}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from kerasish.layers.serialization import deserialize
        config = dict(config)
        layer = deserialize(config.pop("layer"), custom_objects=custom_objects)
        return cls(layer, **config)
