"""AdaptiveAveragePooling1D: the mean over 1-D data pooled to a fixed `output_size`."""
from kerasish.layers.pooling.base_adaptive_pooling import BaseAdaptivePooling


class AdaptiveAveragePooling1D(BaseAdaptivePooling):
    pool_mode = "average"

    def __init__(self, output_size, data_format=None, **kwargs):
        super().__init__(output_size, data_format, rank=1, **kwargs)
