"""Model: a Layer with the model-level API (as keras.Model).

`Model(inputs, outputs)` builds a Functional model; subclassing `Model` gives a model whose
logic is its `call`. Training (compile/fit) joins in the trainer; here are the parts of model
building: layers, get_layer, summary, build by tracing.
"""
from kerasish.backend.keras_tensor import compute_output_spec
from kerasish.backend.name_scope import name_scope
from kerasish.layers.layer import Layer
from kerasish.trainers.trainer import Trainer


class Model(Trainer, Layer):
    def __new__(cls, *args, **kwargs):
        if cls is Model and (args or "inputs" in kwargs or "outputs" in kwargs):
            from kerasish.models.functional import Functional
            return Functional.__new__(Functional, *args, **kwargs)
        return super().__new__(cls, *args, **kwargs)

    def __init__(self, *args, **kwargs):
        if args or "inputs" in kwargs or "outputs" in kwargs:
            raise TypeError(
                f"{type(self).__name__}: a subclass of Model cannot pass `inputs` and `outputs` "
                f"to Model.__init__ in kerasish yet; build a kerasish.Model(inputs, outputs) "
                f"and use it as a layer of the subclass instead.")
        super().__init__(**kwargs)

    @property
    def layers(self):
        return self._layers

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """`Model.from_config` of a Functional config builds the Functional model, as Keras."""
        if cls is Model and "input_layers" in config and "layers" in config:
            from kerasish.models.functional import Functional
            return Functional.from_config(config, custom_objects=custom_objects)
        return super().from_config(config)

    def get_layer(self, name=None, index=None):
        """A layer by its name or by its index in `model.layers`."""
        if index is not None and name is not None:
            raise ValueError(
                f"Provide only a layer name or a layer index. Received: index={index}, name={name}.")
        layers = self.layers
        if index is not None:
            if not -len(layers) <= index < len(layers):
                raise ValueError(
                    f"Was asked to retrieve layer at index {index} but model {self.name!r} only "
                    f"has {len(layers)} layers.")
            return layers[index]
        if name is not None:
            for layer in layers:
                if layer.name == name:
                    return layer
            raise ValueError(
                f"No such layer: {name}. Existing layers are: {[layer.name for layer in layers]}.")
        raise ValueError("Provide either a layer name or layer index at `get_layer`.")

    def build(self, input_shape=None):
        """Builds a subclassed model by tracing `call` on a symbolic input of `input_shape`."""
        if input_shape is not None and not self.built:
            from kerasish.layers.layer import _specs_from_shapes
            inputs = _specs_from_shapes(input_shape, self.compute_dtype)
            with name_scope(self.name):
                compute_output_spec(self.call, inputs)
            self._build_shapes_dict = {"input_shape": input_shape}
        self.built = True

    # -- saving (kerasish.saving does the work) ------------------------------------------------
    def save(self, filepath, overwrite=True, zipped=None, **kwargs):
        """Saves the whole model (architecture, weights, compile config, optimizer state) to a
        `.keras` archive, atomically."""
        from kerasish.saving import saving_api
        saving_api.save_model(self, filepath, overwrite=overwrite, zipped=zipped, **kwargs)

    def save_weights(self, filepath, overwrite=True, max_shard_size=None):
        """Saves the weights (and optimizer state) to a Keras 3 `.weights.h5` file, atomically."""
        from kerasish.saving import saving_api
        saving_api.save_weights(self, filepath, overwrite=overwrite, max_shard_size=max_shard_size)

    def load_weights(self, filepath, skip_mismatch=False, **kwargs):
        """Loads weights from `.weights.h5`, `.keras` or Keras 2 `.h5` (`by_name=True` there);
        returns the LoadReport (strict unless `skip_mismatch=True`)."""
        from kerasish.saving import saving_api
        return saving_api.load_weights(self, filepath, skip_mismatch=skip_mismatch, **kwargs)

    def summary(self, line_length=None, positions=None, print_fn=None, expand_nested=False,
                show_trainable=False, layer_range=None):
        """Prints a table of the layers, their output shapes and parameter counts, as Keras."""
        from kerasish.models.summary import print_summary
        print_summary(self, line_length=line_length, positions=positions, print_fn=print_fn,
                      expand_nested=expand_nested, show_trainable=show_trainable,
                      layer_range=layer_range)
