"""Keras 2's full-model HDF5 file (what `model.save("m.h5")` writes in Keras 3 too, as a legacy
format): `model_config` (JSON) and `training_config` attributes, weights under "model_weights"
in the `layer_names` / `weight_names` layout that legacy_h5 reads."""
import io
import json

import numpy as np

from kerasish.saving.keras_archive import KERAS_VERSION


def legacy_model_bytes(model):
    import h5py
    from kerasish.saving.model_config import model_to_config

    if hasattr(model, "_sync_training_state"):
        model._sync_training_state()
    config = model_to_config(model)
    compile_config = config.pop("compile_config", None)
    buffer = io.BytesIO()
    with h5py.File(buffer, "w") as f:
        f.attrs["model_config"] = json.dumps(config)
        f.attrs["keras_version"] = KERAS_VERSION
        f.attrs["backend"] = "jax"
        if compile_config:
            f.attrs["training_config"] = json.dumps({
                "loss": compile_config.get("loss"), "metrics": compile_config.get("metrics"),
                "weighted_metrics": compile_config.get("weighted_metrics"),
                "loss_weights": compile_config.get("loss_weights"),
                "optimizer_config": compile_config.get("optimizer")})
        write_legacy_weights(model, f.create_group("model_weights"))
    return buffer.getvalue()


def write_legacy_weights(model, group):
    layers = model.layers
    group.attrs["layer_names"] = np.array([l.name.encode("utf8") for l in layers])
    group.attrs["backend"] = "jax"
    group.attrs["keras_version"] = KERAS_VERSION
    for layer in layers:
        g = group.create_group(layer.name)
        weights = list(layer.trainable_weights) + list(layer.non_trainable_weights)
        names = [f"{v.path}:0" if getattr(v, "path", None) else f"{layer.name}/{v.name}_{i}:0"
                 for i, v in enumerate(weights)]
        # Paths must be unique within the layer's group (Keras 2 names are "<layer>/<var>:0").
        seen = set()
        for i, name in enumerate(names):
            if name in seen:
                names[i] = f"{name[:-2]}_{i}:0"
            seen.add(names[i])
        g.attrs["weight_names"] = np.array([n.encode("utf8") for n in names])
        for name, v in zip(names, weights):
            g.create_dataset(name, data=np.asarray(v.numpy()))
