"""save_model / load_model / save_weights / load_weights (as keras.saving), choosing the format
from the file name and, when reading, from the file's own signature.

- "*.keras": the Keras 3 archive (keras_archive); "*.weights.h5": Keras 3 weights (weights_h5);
  other "*.h5"/"*.hdf5": Keras 2 files (legacy_h5), or Keras 3 weights if that is their layout.
- Every write goes through atomic_write; every read through h5_reader / keras_archive, which
  refuse hostile files, and ends in a LoadReport (strict unless `skip_mismatch=True`).
- `safe_mode=True` (the default) refuses files holding Python code; see code_in_config.
"""
import os

from kerasish.saving import keras_archive, legacy_h5
from kerasish.saving.atomic_write import write_bytes_atomically
from kerasish.saving.errors import FileFormatError, SavingError
from kerasish.saving.h5_reader import is_hdf5, read_h5
from kerasish.saving.model_config import model_from_config, model_to_config
from kerasish.saving.object_registration import custom_object_scope
from kerasish.saving.weights_h5 import load_weights_tree, weights_h5_bytes

_ZIP_SIGNATURE = b"PK\x03\x04"


def save_model(model, filepath, overwrite=True, zipped=None, **kwargs):
    """Saves architecture, weights, compile config and optimizer state to a `.keras` file."""
    if kwargs:
        raise ValueError(f"save_model: unexpected keyword arguments {sorted(kwargs)}.")
    path = os.fspath(filepath)
    if zipped is False:
        raise ValueError(f"save_model(zipped=False) (an unzipped model folder) is not supported "
                         f"by kerasish; save to a '.keras' file. Received: filepath={path}")
    if path.endswith((".h5", ".hdf5")):
        from kerasish.saving.legacy_h5_writer import legacy_model_bytes
        data = legacy_model_bytes(model)
    elif path.endswith(".keras"):
        data = keras_archive.archive_bytes(model_to_config(model), weights_h5_bytes(model))
    else:
        raise ValueError(f"Invalid `filepath` argument: expected a `.keras` extension. "
                         f"Received: filepath={path}")
    _check_overwrite(path, overwrite)
    write_bytes_atomically(path, data)


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    """The model saved in a `.keras` archive or a Keras 2 full-model `.h5` file. Classes and
    functions resolve only to kerasish's own, registered ones and `custom_objects`; with
    `safe_mode=True` a file holding Python code is refused."""
    path = os.fspath(filepath)
    data = _read(path)
    with custom_object_scope(custom_objects):
        if data[:4] == _ZIP_SIGNATURE or path.endswith(".keras"):
            archive = keras_archive.Archive(data, path)
            model = model_from_config(archive.config, path, custom_objects, safe_mode, compile)
            tree = read_h5(archive.weights, what=f"weights in {path}")
            load_weights_tree(model, tree, path)
            return model
        if is_hdf5(data):
            tree = read_h5(data, what=f"file {path}")
            config = legacy_h5.legacy_model_config(tree, path)
            model = model_from_config(config, path, custom_objects, safe_mode, compile=False)
            if compile:
                _legacy_compile(model, tree, path, custom_objects)
            legacy_h5.load_legacy_weights(model, tree, path)
            return model
    raise FileFormatError(f"{path} is neither a .keras archive nor an HDF5 model file.")


def _legacy_compile(model, tree, path, custom_objects):
    from kerasish.saving.model_config import _compile_config_from_json
    args = legacy_h5.legacy_compile_args(tree)
    if not args:
        return
    try:
        model.compile(**_compile_config_from_json(args, custom_objects))
    except (ValueError, TypeError, KeyError) as e:
        legacy_h5.warn_uncompiled(path, e)


def save_weights(model, filepath, overwrite=True, max_shard_size=None):
    """Saves the weights (and optimizer state) in Keras 3's `.weights.h5` layout."""
    path = os.fspath(filepath)
    if max_shard_size is not None:
        raise ValueError("save_weights(max_shard_size=...) (sharded weights) is not supported "
                         "by kerasish; save one '.weights.h5' file.")
    if not path.endswith(".weights.h5"):
        raise ValueError(f"The filename must end in `.weights.h5`. Received: filepath={path}")
    _require_built(model, "saving")
    data = weights_h5_bytes(model)
    _check_overwrite(path, overwrite)
    write_bytes_atomically(path, data)


def load_weights(model, filepath, skip_mismatch=False, by_name=False, **kwargs):
    """Loads weights from `.weights.h5`, `.keras` or a Keras 2 `.h5` file into a built model and
    returns the LoadReport. Strict unless `skip_mismatch=True`; `by_name` (Keras 2 files only)
    matches layers by name instead of by order."""
    if kwargs:
        raise ValueError(f"load_weights: invalid keyword arguments {sorted(kwargs)}.")
    path = os.fspath(filepath)
    _require_built(model, "loading weights into")
    data = _read(path)
    if data[:4] == _ZIP_SIGNATURE or path.endswith(".keras"):
        tree = read_h5(keras_archive.Archive(data, path).weights, what=f"weights in {path}")
    elif path.endswith((".h5", ".hdf5")):
        tree = read_h5(data, what=f"file {path}")
    else:
        raise ValueError(f"File format not supported: filepath={path}. kerasish loads weights "
                         f"from '.weights.h5', '.keras' and Keras 2 '.h5' files.")
    if legacy_h5.is_legacy_weights(tree):
        return legacy_h5.load_legacy_weights(model, tree, path, by_name=by_name,
                                             skip_mismatch=skip_mismatch)
    if by_name:
        raise ValueError(f"by_name=True applies to Keras 2 '.h5' weight files only; {path} is in "
                         f"Keras 3's layout, which matches weights by their place in the model.")
    return load_weights_tree(model, tree, path, skip_mismatch=skip_mismatch)


def _read(path):
    if not os.path.exists(path):
        raise FileNotFoundError(f"File not found: filepath={path}. Please ensure the file is an "
                                f"accessible '.keras' or '.h5' file.")
    with open(path, "rb") as f:
        return f.read()


def _require_built(model, doing):
    if not model.built:
        raise ValueError(
            f"You are {doing} a model that has not yet been built ({model.name!r}). Try building "
            f"the model first by calling it on some data or by using `build()`.")


def _check_overwrite(path, overwrite):
    if not overwrite and os.path.exists(path):
        raise FileExistsError(f"{path} already exists and overwrite=False; nothing was written.")


__all__ = ["save_model", "load_model", "save_weights", "load_weights", "SavingError"]
