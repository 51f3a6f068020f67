"""Discretization: buckets continuous values by bin boundaries, given or learned by `adapt`
(as keras.layers.Discretization); output as bin indices or one/multi-hot/count encodings."""
import numpy as np

from kerasish import ops
from kerasish.backend import floatx
from kerasish.layers.layer import Layer
from kerasish.layers.preprocessing import quantile_summary
from kerasish.layers.preprocessing.categorical_encoding import (
    check_output_mode, encode_categorical,
)


class Discretization(Layer):
    def __init__(self, bin_boundaries=None, num_bins=None, epsilon=0.01, output_mode="int",
                 sparse=False, dtype=None, name=None):
        super().__init__(name=name, dtype=dtype)
        if sparse:
            raise ValueError("Discretization: `sparse=True` is not supported; kerasish has no "
                             "sparse tensors.")
        check_output_mode("Discretization", output_mode)
        if num_bins is not None and num_bins < 0:
            raise ValueError(
                f"Discretization: `num_bins` must be greater than or equal to 0. Received: "
                f"`num_bins={num_bins}`")
        if num_bins is not None and bin_boundaries is not None:
            raise ValueError(
                f"Discretization: both `num_bins` and `bin_boundaries` should not be set. "
                f"Received: `num_bins={num_bins}` and `bin_boundaries={bin_boundaries}`")
        if num_bins is None and bin_boundaries is None:
            raise ValueError("Discretization: you need to set either `num_bins` or "
                             "`bin_boundaries`.")
        self.bin_boundaries = bin_boundaries
        self.num_bins = num_bins
        self.epsilon = epsilon
        self.output_mode = output_mode
        self.sparse = sparse
        self.summary = None if bin_boundaries else quantile_summary.empty_summary()

    @property
    def input_dtype(self):
        return floatx()

    @property
    def output_dtype(self):
        return self.compute_dtype if self.output_mode != "int" else "int32"

    def adapt(self, data, steps=None):
        """Learns `num_bins` equal-population bins from `data` (an array, or an iterable of
        batches, of which at most `steps` are read)."""
        if self.num_bins is None:
            raise ValueError(
                "Cannot adapt a Discretization layer that has been initialized with "
                "`bin_boundaries`, use `num_bins` instead.")
        self.reset_state()
        if isinstance(data, np.ndarray) or ops.is_tensor(data) or not hasattr(data, "__iter__"):
            self.update_state(data)
        else:
            for i, batch in enumerate(data):
                if steps is not None and i >= steps:
                    break
                self.update_state(batch)
        self.finalize_state()

    def update_state(self, data):
        data = ops.convert_to_numpy(data) if ops.is_tensor(data) else data
        data = np.array(data).astype("float32")
        self.summary = quantile_summary.merge_summaries(
            quantile_summary.summarize(data, self.epsilon), self.summary, self.epsilon)

    def finalize_state(self):
        if self.num_bins is not None:
            self.bin_boundaries = quantile_summary.bin_boundaries(
                self.summary, self.num_bins).tolist()

    def reset_state(self):
        if self.num_bins is not None:
            self.summary = quantile_summary.empty_summary()

    def call(self, inputs):
        if self.bin_boundaries is None:
            raise ValueError(
                "You need to either pass the `bin_boundaries` argument at construction time or "
                "call `adapt(dataset)` before you can start using the `Discretization` layer.")
        # The bin of x is the number of boundaries <= x (np.digitize with increasing bins).
        inputs = ops.convert_to_tensor(inputs)
        boundaries = ops.convert_to_tensor(np.asarray(self.bin_boundaries, "float64"),
                                           dtype=inputs.dtype if "float" in str(inputs.dtype)
                                           else "float32")
        expanded = ops.expand_dims(ops.cast(inputs, boundaries.dtype), -1)
        indices = ops.sum(ops.cast(ops.greater_equal(expanded, boundaries), "int32"), axis=-1)
        return encode_categorical(indices, self.output_mode, len(self.bin_boundaries) + 1,
                                  self.output_dtype)

    def get_config(self):
        return {"bin_boundaries": self.bin_boundaries, "num_bins": self.num_bins,
                "epsilon": self.epsilon, "output_mode": self.output_mode, "sparse": self.sparse,
                "name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if config.get("bin_boundaries") is not None and config.get("num_bins") is not None:
            # After adapt both are set, which the constructor refuses: restore the boundaries.
            boundaries = config.pop("bin_boundaries")
            layer = cls(**config)
            layer.bin_boundaries = boundaries
            return layer
        return cls(**config)
