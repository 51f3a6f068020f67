"""BaseAdaptivePooling: pools 1, 2 or 3 spatial dims to a fixed `output_size`, whatever the input
size (as Keras's adaptive pooling layers). Output bin i of an axis of length n covers the inputs
[floor(i * n / out), ceil((i + 1) * n / out)), Keras's (and PyTorch's) bins. Both reductions are
separable, so each spatial axis is pooled in turn: one gather of every bin's window (a static
index table) and one reduction, with no loop over bins or pixels."""
import numpy as np

from kerasish import ops
from kerasish.layers.convolutional import conv_args
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer


def _bin_table(n, out):
    """(indices (out, widest), weights (out, widest)) for the bins of an axis of length n; short
    bins repeat their last index (harmless for max) and carry weight 0 there (for the mean)."""
    starts = [i * n // out for i in range(out)]
    ends = [-(-(i + 1) * n // out) for i in range(out)]
    widest = max(e - s for s, e in zip(starts, ends))
    offsets = np.arange(widest)
    indices = np.array([np.minimum(s + offsets, e - 1) for s, e in zip(starts, ends)], "int32")
    weights = np.array([(offsets < e - s) / (e - s) for s, e in zip(starts, ends)])
    return indices, weights


class BaseAdaptivePooling(Layer):
    pool_mode = None  # "max" or "average"

    def __init__(self, output_size, data_format=None, rank=None, **kwargs):
        super().__init__(**kwargs)
        where = type(self).__name__
        self.output_size = conv_args.standardize_tuple(output_size, rank, "output_size", where)
        self.data_format = conv_args.standardize_data_format(data_format, where)
        self.input_spec = InputSpec(ndim=rank + 2)

    def call(self, inputs):
        rank = len(self.output_size)
        first = 1 if self.data_format == "channels_last" else 2
        x = inputs
        for axis, out in zip(range(first, first + rank), self.output_size):
            indices, weights = _bin_table(x.shape[axis], out)
            windows = ops.take(x, indices, axis=axis)  # axis -> (out, widest)
            if self.pool_mode == "max":
                x = ops.max(windows, axis=axis + 1)
            else:
                shape = (1,) * axis + weights.shape + (1,) * (len(x.shape) - axis - 1)
                weights = ops.cast(np.reshape(weights, shape), windows.dtype)
                x = ops.sum(ops.multiply(windows, weights), axis=axis + 1)
        return x

    def compute_output_shape(self, input_shape):
        shape = tuple(input_shape)
        if self.data_format == "channels_last":
            return (shape[0],) + self.output_size + (shape[-1],)
        return shape[:2] + self.output_size

    def get_config(self):
        return {**super().get_config(), "output_size": self.output_size,
                "data_format": self.data_format}
