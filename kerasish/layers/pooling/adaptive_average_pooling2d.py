"""AdaptiveAveragePooling2D: the mean over 2-D data pooled to a fixed `output_size`."""
from kerasish.layers.pooling.base_adaptive_pooling import BaseAdaptivePooling


class AdaptiveAveragePooling2D(BaseAdaptivePooling):
    pool_mode = "average"

    def __init__(self, output_size, data_format=None, **kwargs):
        super().__init__(output_size, data_format, rank=2, **kwargs)
