"""AveragePooling2D: the mean over windows of 2-D data (strides default to pool_size)."""
from kerasish.layers.pooling.base_pooling import BasePooling


class AveragePooling2D(BasePooling):
    def __init__(self, pool_size, strides=None, padding="valid", data_format=None, name=None,
                 **kwargs):
        super().__init__(pool_size, strides, pool_dimensions=2, pool_mode="average",
                         padding=padding, data_format=data_format, name=name, **kwargs)


AvgPool2D = AveragePooling2D
