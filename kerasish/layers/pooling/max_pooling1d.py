"""MaxPooling1D: the maximum over windows of 1-D data (strides default to pool_size)."""
from kerasish.layers.pooling.base_pooling import BasePooling


class MaxPooling1D(BasePooling):
    def __init__(self, pool_size=2, strides=None, padding="valid", data_format=None, name=None,
                 **kwargs):
        super().__init__(pool_size, strides, pool_dimensions=1, pool_mode="max",
                         padding=padding, data_format=data_format, name=name, **kwargs)


MaxPool1D = MaxPooling1D
