"""Keras 3 as the test oracle for the applications: build Keras's model with weights=None, give
every weight random values (BatchNormalization statistics included, so predictions are far from
trivial), and write them in both Keras 3's `.weights.h5` and the Keras 2 `.h5` layout."""
import os

import numpy as np


def randomized_keras_model(keras, arch, kwargs, seed=0):
    model = getattr(keras.applications, arch)(weights=None, **kwargs)
    rng = np.random.RandomState(seed)
    values = []
    for w in model.weights:
        shape = tuple(w.shape)
        if w.path.endswith("variance"):
            values.append(rng.uniform(0.5, 1.5, shape))
        elif w.path.endswith(("gamma", "count")):
            values.append(rng.uniform(0.5, 1.5, shape))
        else:
            fan_in = int(np.prod(shape[:-1])) if len(shape) > 1 else 1
            values.append(rng.normal(0.0, 1.0 / np.sqrt(max(fan_in, 1)), shape))
    model.set_weights([v.astype("float32") for v in values])
    return model


def save_both_layouts(model, folder):
    """(keras3_path, legacy_path). Keras 3's save_weights only writes `.weights.h5`; the Keras 2
    layout comes from Keras's own legacy writer (what Keras 2 users keep on disk)."""
    import h5py
    from keras.src.legacy.saving import legacy_h5_format

    keras3 = os.path.join(folder, f"{model.name}.weights.h5")
    model.save_weights(keras3)
    legacy = os.path.join(folder, f"{model.name}.h5")
    with h5py.File(legacy, "w") as f:
        legacy_h5_format.save_weights_to_hdf5_group(f, model)
    return keras3, legacy


def sample_images(model, n=2, seed=1):
    shape = (n,) + tuple(model.input_shape[1:])
    return np.random.RandomState(seed).uniform(0, 255, shape).astype("float32")
