"""GlobalMaxPooling3D: the maximum over the spatial dims of 3-D data."""
from kerasish import ops
from kerasish.layers.pooling.base_global_pooling import BaseGlobalPooling


class GlobalMaxPooling3D(BaseGlobalPooling):
    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(pool_dimensions=3, data_format=data_format, keepdims=keepdims, **kwargs)

    def call(self, inputs):
        return ops.max(inputs, axis=self.spatial_axes(inputs), keepdims=self.keepdims)


GlobalMaxPool3D = GlobalMaxPooling3D
