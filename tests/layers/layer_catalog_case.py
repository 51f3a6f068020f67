"""One entry of the layer catalog (see layer_catalog.py)."""
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
