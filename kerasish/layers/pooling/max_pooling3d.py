"""MaxPooling3D: the maximum over windows of 3-D data (strides default to pool_size)."""
from kerasish.layers.pooling.base_pooling import BasePooling


class MaxPooling3D(BasePooling):
    def __init__(self, pool_size=(2, 2, 2), strides=None, padding="valid", data_format=None,
                 name=None, **kwargs):
        super().__init__(pool_size, strides, pool_dimensions=3, pool_mode="max",
                         padding=padding, data_format=data_format, name=name, **kwargs)


MaxPool3D = MaxPooling3D
