"""GlobalAveragePooling2D: the mean over the spatial dims of 2-D data."""
from kerasish import ops
from kerasish.layers.pooling.base_global_pooling import BaseGlobalPooling


class GlobalAveragePooling2D(BaseGlobalPooling):
    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(pool_dimensions=2, data_format=data_format, keepdims=keepdims, **kwargs)

    def call(self, inputs):
        return ops.mean(inputs, axis=self.spatial_axes(inputs), keepdims=self.keepdims)


GlobalAvgPool2D = GlobalAveragePooling2D
