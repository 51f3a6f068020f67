"""The catalog of layer configurations that drives tests/layers/test_layer_catalog.py.

Entries live per family in tests/layers/catalog/<family>.py. One entry per interesting configuration: the layer's class name in kerasish.layers and
keras.layers, constructor kwargs, the input shape(s) (a list of shapes for multi-input layers)
and dtype, and kwargs for the call. Keep shapes tiny: every entry runs on both backends.
"""
from tests.layers.catalog import (
    activations, attention, convolutional, core, image_preprocessing, merging, normalization, pooling,
    preprocessing, recurrent, regularization, reshaping,
)
from tests.layers.layer_catalog_case import LayerCase  # noqa: F401

CASES = (core.CASES + merging.CASES + regularization.CASES + reshaping.CASES + convolutional.CASES
         + pooling.CASES + normalization.CASES + recurrent.CASES + attention.CASES
         + preprocessing.CASES + image_preprocessing.CASES + activations.CASES)
