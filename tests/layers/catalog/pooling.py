"""Layer catalog entries: pooling layers."""
from tests.layers.layer_catalog_case import LayerCase  # noqa: F401

CASES = []
