"""Layer catalog entries: activation layers."""
from tests.layers.layer_catalog_case import LayerCase  # noqa: F401

CASES = []
