"""AveragePooling1D: the mean over windows of 1-D data (strides default to pool_size)."""
from kerasish.layers.pooling.base_pooling import BasePooling


class AveragePooling1D(BasePooling):
    def __init__(self, pool_size, strides=None, padding="valid", data_format=None, name=None,
                 **kwargs):
        super().__init__(pool_size, strides, pool_dimensions=1, pool_mode="average",
                         padding=padding, data_format=data_format, name=name, **kwargs)


AvgPool1D = AveragePooling1D
