"""Sequential: a plain stack of layers, each taking the previous one's output (as keras.Sequential).

With an Input (or a first layer given `input_shape`) the model is built at once, as a Functional
graph; otherwise it is built on its first call, from the shape of the data.
"""
from kerasish import tree
from kerasish.backend.masking import get_keras_mask
from kerasish.backend.name_scope import name_scope, unique_name
from kerasish.layers import dtype_policy
from kerasish.layers.call_signature import call_signature
from kerasish.layers.core.input_layer import InputLayer
from kerasish.layers.layer import Layer
from kerasish.models.functional import Functional
from kerasish.models.model import Model


class Sequential(Model):
    _untracked_attributes = ("_functional",)

    def __init__(self, layers=None, trainable=True, name=None):
        super().__init__(trainable=trainable, name=name or unique_name("sequential"))
        self._functional = None
        self._stack = []
        for layer in layers or []:
            self.add(layer, rebuild=False)
        if layers:
            self._maybe_rebuild()

    def add(self, layer, rebuild=True):
        """Adds a layer (or a kerasish.Input tensor) on top of the stack."""
        if not self._stack and getattr(layer, "_input_shape_arg", None) is not None:
            self.add(InputLayer(batch_shape=layer._input_shape_arg), rebuild=False)
        history = getattr(layer, "_keras_history", None)
        if history is not None and isinstance(history[0], InputLayer):
            layer = history[0]
        if not isinstance(layer, Layer):
            raise ValueError(
                f"Only instances of `kerasish.Layer` can be added to a Sequential model. "
                f"Received: {layer!r} (of type {type(layer).__name__})")
        if isinstance(layer, InputLayer) and self._stack:
            raise ValueError(
                f"Sequential model {self.name!r}: an Input can only be the first layer; the model "
                f"already has layers {[l.name for l in self._stack]}.")
        if any(existing.name == layer.name for existing in self._stack):
            raise ValueError(
                f"All layers added to a Sequential model should have unique names. Name "
                f"{layer.name!r} is already the name of a layer in this model. Update the `name` "
                f"argument to pass a unique name.")
        self._stack.append(layer)
        if rebuild:
            self._maybe_rebuild()
        else:
            self.built = False
            self._functional = None

    def pop(self, rebuild=True):
        """Removes and returns the last layer."""
        layers = self.layers
        if not layers:
            raise IndexError(f"There are no layers in the Sequential model {self.name!r} to pop.")
        layer = self._stack.pop()
        self.built = False
        self._functional = None
        if rebuild:
            self._maybe_rebuild()
        return layer

    def _maybe_rebuild(self):
        self.built = False
        self._functional = None
        if self._stack and isinstance(self._stack[0], InputLayer) and len(self._stack) > 1:
            self.build(self._stack[0].batch_shape)

    def build(self, input_shape=None):
        if input_shape is None:
            raise ValueError(f"Sequential model {self.name!r}: build() needs an input shape.")
        input_shape = tuple(input_shape)
        if not self.layers:
            raise ValueError(
                f"Sequential model {self.name} cannot be built because it has no layers. Call "
                f"`model.add(layer)`.")
        if isinstance(self._stack[0], InputLayer):
            if self._stack[0].batch_shape != input_shape:
                raise ValueError(
                    f"Sequential model {self.name!r} has already been configured to use input "
                    f"shape {self._stack[0].batch_shape}. You cannot build it with input_shape "
                    f"{input_shape}")
        else:
            self._stack.insert(0, InputLayer(batch_shape=input_shape,
                                             dtype=self._stack[0].compute_dtype))
        inputs = self._stack[0].output
        x = inputs
        with name_scope(self.name):
            for layer in self._stack[1:]:
                x = layer(x)
        self._functional = Functional(inputs, x, name=self.name, trainable=self.trainable)
        self._build_shapes_dict = {"input_shape": input_shape}
        self.built = True

    def _maybe_build(self, signature, args, kwargs):
        if not self.built:
            first = signature.first_arg(args, kwargs)
            if first is not None and hasattr(first, "shape") and not tree.is_nested(first):
                self.build(tuple(first.shape))
            else:
                super()._maybe_build(signature, args, kwargs)

    def call(self, inputs, training=None, mask=None):
        if self._functional is not None:
            return self._functional.call(inputs, training=training, mask=mask)
        for layer in self.layers:
            signature = call_signature(type(layer))
            kwargs = {}
            if signature.has_mask and mask is not None:
                kwargs["mask"] = mask
            if signature.has_training and training is not None:
                kwargs["training"] = training
            inputs = layer(inputs, **kwargs)
            mask = tree.map_structure(get_keras_mask, inputs)
        return inputs

    @property
    def layers(self):
        return [layer for layer in self._stack if not isinstance(layer, InputLayer)]

    @property
    def _layers(self):
        return self.layers

    @property
    def inputs(self):
        return self._functional.inputs if self._functional is not None else None

    @property
    def outputs(self):
        return self._functional.outputs if self._functional is not None else None

    @property
    def input(self):
        self._require_graph("input")
        return self._functional.input

    @property
    def output(self):
        self._require_graph("output")
        return self._functional.output

    @property
    def input_shape(self):
        self._require_graph("input_shape")
        return self._functional.input_shape

    @property
    def output_shape(self):
        self._require_graph("output_shape")
        return self._functional.output_shape

    def _require_graph(self, what):
        if self._functional is None:
            raise AttributeError(
                f"Sequential model {self.name!r} has no defined {what} yet: it is built on its "
                f"first call. Start it with a kerasish.Input(shape) to define it up front.")

    def compute_output_spec(self, inputs, training=None, mask=None):
        if self._functional is not None:
            return self._functional.compute_output_spec(inputs, training=training, mask=mask)
        return super().compute_output_spec(inputs, training=training, mask=mask)

    def get_config(self):
        from kerasish.layers.serialization import serialize
        config = {"name": self.name, "trainable": self.trainable,
                  "dtype": dtype_policy.serialize(self.dtype_policy),
                  "layers": [serialize(layer) for layer in self._stack]}
        if self._build_shapes_dict is not None:
            config["build_input_shape"] = self._build_shapes_dict["input_shape"]
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from kerasish.layers.serialization import deserialize
        layers = [deserialize(entry, custom_objects=custom_objects) for entry in config["layers"]]
        model = cls(name=config.get("name"), trainable=config.get("trainable", True))
        for layer in layers:
            model.add(layer, rebuild=False)
        if "dtype" in config:
            model.dtype_policy = dtype_policy.get(config["dtype"])
        build_shape = config.get("build_input_shape")
        if model._stack and isinstance(model._stack[0], InputLayer):
            model._maybe_rebuild()
        elif build_shape is not None:
            model.build(build_shape)
        return model
