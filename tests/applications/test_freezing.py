"""Freezing a pretrained base works as in Keras: trainable=False moves its weights to
non-trainable, its BatchNormalization runs in inference mode (even under training=True and fit),
and summary() shows the same counts as Keras's."""
import re

import numpy as np
import pytest

import kerasish
from kerasish import applications, layers

keras = pytest.importorskip("keras")


def frozen_model(lib, base):
    base.trainable = False
    inputs = lib.Input((32, 32, 3))
    x = base(inputs)
    x = lib.layers.GlobalAveragePooling2D()(x)
    return lib.Model(inputs, lib.layers.Dense(3, activation="softmax")(x))


def summary_counts(model):
    lines = []
    model.summary(print_fn=lambda line, *args, **kwargs: lines.append(line))
    text = "\n".join(lines)
    return {kind: int(re.search(rf"{kind} params: ([\d,]+)", text).group(1).replace(",", ""))
            for kind in ("Total", "Trainable", "Non-trainable")}


def test_frozen_base_counts_match_keras(backend):
    kwargs = dict(include_top=False, weights=None, alpha=0.35, input_shape=(32, 32, 3))
    ours = frozen_model(kerasish, applications.MobileNetV2(**kwargs))
    theirs = frozen_model(keras, keras.applications.MobileNetV2(**kwargs))
    assert len(ours.trainable_weights) == len(theirs.trainable_weights) == 2
    assert len(ours.non_trainable_weights) == len(theirs.non_trainable_weights)
    assert summary_counts(ours) == summary_counts(theirs)
    assert summary_counts(ours)["Trainable"] == 3 * 1280 + 3


def test_frozen_batch_normalization_runs_in_inference_mode(backend):
    kerasish.utils.set_random_seed(0)
    base = applications.TinyNet(include_top=False, weights="bundled")
    model = frozen_model_tiny(base)
    x = np.random.RandomState(0).uniform(0, 1, (16, 8, 8, 1)).astype("float32")
    y = np.arange(16) % 2
    before = [np.asarray(w) for w in base.get_weights()]
    np.testing.assert_allclose(np.asarray(model(x, training=True)),
                               np.asarray(model(x, training=False)), rtol=1e-5, atol=1e-6)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x, y, epochs=2, batch_size=8, verbose=0)
    for a, b in zip(base.get_weights(), before):  # moving statistics included: untouched
        np.testing.assert_array_equal(a, b)
    base.trainable = True  # unfrozen: BatchNormalization trains again
    assert len(model.trainable_weights) == 3 * 3 + 2
    assert not np.allclose(np.asarray(model(x, training=True)), np.asarray(model(x, training=False)))


def frozen_model_tiny(base):
    base.trainable = False
    inputs = kerasish.Input((8, 8, 1))
    x = layers.GlobalAveragePooling2D()(base(inputs))
    return kerasish.Model(inputs, layers.Dense(2, activation="softmax")(x))
