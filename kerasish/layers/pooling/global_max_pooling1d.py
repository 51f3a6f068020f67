"""GlobalMaxPooling1D: the maximum over the spatial dims of 1-D data."""
from kerasish import ops
from kerasish.layers.pooling.base_global_pooling import BaseGlobalPooling


class GlobalMaxPooling1D(BaseGlobalPooling):
    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(pool_dimensions=1, data_format=data_format, keepdims=keepdims, **kwargs)

    def call(self, inputs):
        return ops.max(inputs, axis=self.spatial_axes(inputs), keepdims=self.keepdims)


GlobalMaxPool1D = GlobalMaxPooling1D
