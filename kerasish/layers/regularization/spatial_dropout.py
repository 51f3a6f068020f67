"""SpatialDropout1D/2D/3D: dropout of whole feature maps (as keras.layers.SpatialDropout*D).

During training each (sample, channel) pair is kept or dropped as one: the mask has size 1 along
the spatial axes. Regular dropout does little when neighbouring activations are strongly
correlated (early conv layers); dropping whole channels does. Identity at inference.

As in Keras, the constructors take only (rate, [data_format,] seed, name, dtype), and the config
holds exactly those (with `dtype` as the variable dtype's name).
"""
from kerasish import ops, random
from kerasish.backend import standardize_data_format
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.regularization.dropout import Dropout


class BaseSpatialDropout(Dropout):
    _spatial_rank = None  # 1, 2 or 3

    def __init__(self, rate, seed=None, name=None, dtype=None):
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.data_format = "channels_last"
        self.input_spec = InputSpec(ndim=self._spatial_rank + 2)

    def _noise_shape(self, inputs):
        """(batch, 1, ..., 1, channels), or (batch, channels, 1, ...) for channels_first."""
        shape = ops.shape(inputs)
        ones = (1,) * self._spatial_rank
        if self.data_format == "channels_first":
            return (shape[0], shape[1]) + ones
        return (shape[0],) + ones + (shape[-1],)

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            return random.dropout(inputs, self.rate, noise_shape=self._noise_shape(inputs),
                                  seed=self.seed_generator)
        return inputs

    def get_config(self):
        # Keras writes this short config (no `trainable`, dtype as a plain name).
        return {"rate": self.rate, "seed": self.seed, "name": self.name, "dtype": self.dtype}


class SpatialDropout1D(BaseSpatialDropout):
    """Input (batch, timesteps, channels); drops whole channels."""
    _spatial_rank = 1

    def __init__(self, rate, seed=None, name=None, dtype=None):
        super().__init__(rate, seed=seed, name=name, dtype=dtype)


class SpatialDropout2D(BaseSpatialDropout):
    """Input (batch, rows, cols, channels), or (batch, channels, rows, cols) for
    data_format="channels_first"; drops whole channels."""
    _spatial_rank = 2

    def __init__(self, rate, data_format=None, seed=None, name=None, dtype=None):
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.data_format = standardize_data_format(data_format)

    def get_config(self):
        return {**super().get_config(), "data_format": self.data_format}


class SpatialDropout3D(BaseSpatialDropout):
    """Input (batch, d1, d2, d3, channels), or (batch, channels, d1, d2, d3) for
    data_format="channels_first"; drops whole channels."""
    _spatial_rank = 3

    def __init__(self, rate, data_format=None, seed=None, name=None, dtype=None):
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.data_format = standardize_data_format(data_format)

    def get_config(self):
        return {**super().get_config(), "data_format": self.data_format}
