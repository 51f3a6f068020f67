"""AdaptiveMaxPooling3D: the maximum over 3-D data pooled to a fixed `output_size`."""
from kerasish.layers.pooling.base_adaptive_pooling import BaseAdaptivePooling


class AdaptiveMaxPooling3D(BaseAdaptivePooling):
    pool_mode = "max"

    def __init__(self, output_size, data_format=None, **kwargs):
        super().__init__(output_size, data_format, rank=3, **kwargs)
