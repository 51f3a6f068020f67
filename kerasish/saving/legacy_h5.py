"""Keras 2's HDF5 files: weights files (`model.save_weights("w.h5")`) and full-model files
(`model.save("m.h5")`), as Keras 3's legacy reader understands them.

Layout: the root (weights file) or its "model_weights" group (full-model file) lists the layers
in the attribute `layer_names`; each layer's group lists its weights in `weight_names`
("dense/kernel:0", ...), stored at those paths below the group. Weights go to a layer in the
order `trainable_weights + non_trainable_weights`. Full-model files hold the architecture as
JSON in the `model_config` attribute and the compile settings in `training_config`.
"""
import json
import warnings

import numpy as np

from kerasish.saving.errors import FileFormatError, WeightsMismatchError
from kerasish.saving.load_report import LoadReport


def is_legacy_weights(tree):
    return "layer_names" in tree.attrs or "layer_names" in getattr(tree.get("model_weights"), "attrs", {})


def weights_root(tree):
    return tree.get("model_weights") if "model_weights" in tree.groups else tree


def load_legacy_weights(model, tree, source, by_name=False, skip_mismatch=False):
    """Loads a Keras 2 weights layout into `model`; returns the LoadReport."""
    if hasattr(model, "_sync_training_state"):
        model._sync_training_state()
    root = weights_root(tree)
    names = _strings(root.attrs.get("layer_names"), "layer_names", source)
    report = LoadReport(source)
    plan = []  # (variable, value), assigned only once the whole file is known to fit
    saved = {}  # layer name -> [(weight path, array)]
    for name in names:
        group = root.get(name)
        if group is None:
            raise FileFormatError(f"{source}: `layer_names` lists {name!r} but there is no such group.")
        weight_names = _strings(group.attrs.get("weight_names", []), "weight_names", source)
        values = []
        for wname in weight_names:
            node = group.get(wname.rsplit("/", 1)[0]) if "/" in wname else group
            ds = node.datasets.get(wname.rsplit("/", 1)[-1]) if node is not None else None
            if ds is None:
                raise FileFormatError(f"{source}: layer {name!r} lists weight {wname!r} but the "
                                      f"file does not hold it.")
            values.append((f"{name}/{wname}", ds.value))
        if values:
            saved[name] = values
    layers = [layer for layer in model.layers if layer.weights]
    if by_name:
        by = {layer.name: layer for layer in layers}
        for name, values in saved.items():
            if name not in by:
                report.unused += [p for p, _ in values]
                continue
            _assign_layer(by.pop(name), values, report, plan)
        for layer in by.values():
            for v in _legacy_weights(layer):
                report.missing(layer.name, v.path, v.shape)
    else:
        if len(saved) != len(layers):
            raise WeightsMismatchError(
                f"{source} holds weights for {len(saved)} layers ({list(saved)[:10]}), but the "
                f"model has {len(layers)} layers with weights ({[l.name for l in layers][:10]}). "
                f"Load by layer name with by_name=True (and skip_mismatch=True) to load the "
                f"layers that match.")
        for layer, (name, values) in zip(layers, saved.items()):
            _assign_layer(layer, values, report, plan)
    report.finish(skip_mismatch)
    for variable, value in plan:
        variable.assign(np.asarray(value).astype(variable.dtype))
    return report


def _legacy_weights(layer):
    return list(layer.trainable_weights) + list(layer.non_trainable_weights)


def _assign_layer(layer, values, report, plan):
    weights = _legacy_weights(layer)
    if len(weights) != len(values):
        for v in weights:
            report.skipped.append((v.path, f"layer {layer.name!r} has {len(weights)} weights, "
                                           f"the file's layer {len(values)}"))
        report.unused += [p for p, _ in values]
        return
    for variable, (path, value) in zip(weights, values):
        if tuple(value.shape) != tuple(variable.shape):
            report.mismatch(layer.name, variable.path, variable.shape, value.shape, file_path=path)
            report.unused.append(path)
            continue
        plan.append((variable, value))
        report.match(variable.path, variable.shape)


def _strings(value, what, source):
    if value is None:
        raise FileFormatError(f"{source}: missing the `{what}` attribute of a Keras 2 weights file.")
    if isinstance(value, str):
        return [value]
    if isinstance(value, np.ndarray) and value.size == 0:
        return []
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return list(value)
    raise FileFormatError(f"{source}: the `{what}` attribute is not a list of names.")


# -- full-model files -------------------------------------------------------------------------
def legacy_model_config(tree, source):
    """The (Keras 3 form of the) architecture JSON of a Keras 2 full-model file."""
    raw = tree.attrs.get("model_config")
    if raw is None:
        raise FileFormatError(
            f"{source} is an HDF5 weights file, not a full model (no `model_config` attribute); "
            f"build the model and call model.load_weights() instead.")
    try:
        config = json.loads(raw)
    except (ValueError, RecursionError) as e:
        raise FileFormatError(f"{source}: `model_config` is not valid JSON: {e}") from None
    return upgrade_config(config)


def legacy_compile_args(tree):
    """compile() arguments from `training_config`, or None when absent or unreadable."""
    raw = tree.attrs.get("training_config")
    if raw is None:
        return None
    try:
        config = json.loads(raw)
    except ValueError:
        return None
    args = {"loss": config.get("loss"), "metrics": config.get("metrics"),
            "loss_weights": config.get("loss_weights"),
            "weighted_metrics": config.get("weighted_metrics")}
    optimizer = config.get("optimizer_config")
    if isinstance(optimizer, dict):
        args["optimizer"] = optimizer
    return args


def upgrade_config(config):
    """Keras 2 configs (layers with `batch_input_shape`, inbound nodes as nested lists) in the
    Keras 3 form the deserializers read; Keras 3 configs pass through unchanged."""
    if not isinstance(config, dict):
        return config
    inner = config.get("config")
    if config.get("class_name") == "Sequential" and isinstance(inner, dict):
        layers = [upgrade_config(layer) for layer in inner.get("layers", [])]
        first = layers[0].get("config", {}) if layers else {}
        if layers and layers[0].get("class_name") != "InputLayer" and "batch_input_shape" in first:
            shape = first.pop("batch_input_shape")
            layers.insert(0, {"class_name": "InputLayer",
                              "config": {"batch_shape": shape, "dtype": first.get("dtype")}})
        config = dict(config, config=dict(inner, layers=layers))
    elif config.get("class_name") in ("Functional", "Model") and isinstance(inner, dict):
        keras2 = any(isinstance(n, list) for l in inner.get("layers", [])
                     for n in l.get("inbound_nodes", []))
        inner = dict(inner, layers=[_upgrade_functional_layer(l) for l in inner.get("layers", [])])
        if keras2:  # Keras 2 always wrote lists; one input or output meant a single tensor
            for key in ("input_layers", "output_layers"):
                ends = inner.get(key)
                if isinstance(ends, list) and len(ends) == 1 and isinstance(ends[0], list):
                    inner[key] = ends[0]
        config = dict(config, class_name="Functional", config=inner)
    elif config.get("class_name") == "InputLayer" and isinstance(inner, dict):
        inner = dict(inner)
        if "batch_input_shape" in inner:
            inner["batch_shape"] = inner.pop("batch_input_shape")
        config = dict(config, config=inner)
    return config


def _upgrade_functional_layer(entry):
    entry = upgrade_config(dict(entry))
    nodes = entry.get("inbound_nodes", [])
    if nodes and isinstance(nodes[0], list):  # Keras 2: [[["name", node, tensor, {kwargs}], ...]]
        upgraded = []
        for node in nodes:
            tensors = [{"class_name": "__keras_tensor__",
                        "config": {"keras_history": [t[0], t[1], t[2]]}} for t in node]
            kwargs = node[0][3] if node and len(node[0]) > 3 and isinstance(node[0][3], dict) else {}
            upgraded.append({"args": [tensors[0]] if len(tensors) == 1 else [tensors],
                             "kwargs": kwargs})
        entry["inbound_nodes"] = upgraded
    return entry


def warn_uncompiled(source, error):
    warnings.warn(f"{source}: the model loaded but its training config could not be used "
                  f"({error}); it is returned uncompiled.", stacklevel=3)
