"""kerasish.layers: pooling layers."""
from kerasish.layers.pooling.adaptive_average_pooling1d import AdaptiveAveragePooling1D
from kerasish.layers.pooling.adaptive_average_pooling2d import AdaptiveAveragePooling2D
from kerasish.layers.pooling.adaptive_average_pooling3d import AdaptiveAveragePooling3D
from kerasish.layers.pooling.adaptive_max_pooling1d import AdaptiveMaxPooling1D
from kerasish.layers.pooling.adaptive_max_pooling2d import AdaptiveMaxPooling2D
from kerasish.layers.pooling.adaptive_max_pooling3d import AdaptiveMaxPooling3D
from kerasish.layers.pooling.average_pooling1d import AveragePooling1D, AvgPool1D
from kerasish.layers.pooling.average_pooling2d import AveragePooling2D, AvgPool2D
from kerasish.layers.pooling.average_pooling3d import AveragePooling3D, AvgPool3D
from kerasish.layers.pooling.global_average_pooling1d import GlobalAveragePooling1D, GlobalAvgPool1D
from kerasish.layers.pooling.global_average_pooling2d import GlobalAveragePooling2D, GlobalAvgPool2D
from kerasish.layers.pooling.global_average_pooling3d import GlobalAveragePooling3D, GlobalAvgPool3D
from kerasish.layers.pooling.global_max_pooling1d import GlobalMaxPool1D, GlobalMaxPooling1D
from kerasish.layers.pooling.global_max_pooling2d import GlobalMaxPool2D, GlobalMaxPooling2D
from kerasish.layers.pooling.global_max_pooling3d import GlobalMaxPool3D, GlobalMaxPooling3D
from kerasish.layers.pooling.max_pooling1d import MaxPool1D, MaxPooling1D
from kerasish.layers.pooling.max_pooling2d import MaxPool2D, MaxPooling2D
from kerasish.layers.pooling.max_pooling3d import MaxPool3D, MaxPooling3D

__all__ = [
    "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D",
    "AveragePooling3D", "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalMaxPooling3D",
    "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAveragePooling3D",
    "MaxPool1D", "MaxPool2D", "MaxPool3D", "AvgPool1D", "AvgPool2D", "AvgPool3D",
    "GlobalMaxPool1D", "GlobalMaxPool2D", "GlobalMaxPool3D", "GlobalAvgPool1D", "GlobalAvgPool2D",
    "GlobalAvgPool3D", "AdaptiveAveragePooling1D", "AdaptiveAveragePooling2D",
    "AdaptiveAveragePooling3D", "AdaptiveMaxPooling1D", "AdaptiveMaxPooling2D",
    "AdaptiveMaxPooling3D",
]
