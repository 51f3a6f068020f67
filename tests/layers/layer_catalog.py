"""The catalog of layer configurations that drives tests/layers/test_layer_catalog.py.

One entry per interesting configuration: the layer's class name in kerasish.layers and
keras.layers, constructor kwargs, the input shape(s) (a list of shapes for multi-input layers)
and dtype, and kwargs for the call. Keep shapes tiny: every entry runs on both backends.
"""
from dataclasses import dataclass, field


@dataclass
class LayerCase:
    id: str
    layer: str
    kwargs: dict = field(default_factory=dict)
    input_shape: object = (2, 3)
    input_dtype: str = "float32"
    int_low: int = 0
    int_high: int = 10
    call_kwargs: dict = field(default_factory=dict)
    rtol: float = 1e-5
    atol: float = 1e-5
    compare_config: bool = True  # config equals Keras's
    check_grads: bool = True  # gradients agree between backends


CASES = [
    LayerCase("dense", "Dense", {"units": 4}),
    LayerCase("dense_relu_nobias", "Dense", {"units": 2, "activation": "relu", "use_bias": False}),
    LayerCase("dense_3d", "Dense", {"units": 3, "activation": "tanh"}, input_shape=(2, 3, 4)),
    LayerCase("dense_regularized", "Dense", {
        "units": 2, "kernel_regularizer": "l2", "bias_regularizer": "l1",
        "activity_regularizer": "l2", "kernel_constraint": "non_neg"}),
]
