"""GlobalAveragePooling3D: the mean over the spatial dims of 3-D data."""
from kerasish import ops
from kerasish.layers.pooling.base_global_pooling import BaseGlobalPooling


class GlobalAveragePooling3D(BaseGlobalPooling):
    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(pool_dimensions=3, data_format=data_format, keepdims=keepdims, **kwargs)

    def call(self, inputs):
        return ops.mean(inputs, axis=self.spatial_axes(inputs), keepdims=self.keepdims)


GlobalAvgPool3D = GlobalAveragePooling3D
