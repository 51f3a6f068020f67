"""Where an application's weights come from. Nothing here downloads.

- `weights=None`: random initialization.
- `weights="path/to/file"`: a Keras 3 `.weights.h5`, a `.keras` archive or a Keras 2 `.h5` file.
- `weights="imagenet"`: Keras's published ImageNet file, found only in local places: the folder
  named by $KERASISH_WEIGHTS, then Keras's cache ($KERAS_HOME or ~/.keras, under models/), under
  Keras's file name; it must match the hash Keras publishes for it.
- `weights="bundled"`: small weights the project trained itself (scripts/train_bundled_weights.py)
  and ships in applications/weights/, pinned by sha256 (see BUNDLED and docs/applications.md).
"""
import hashlib
import os
from dataclasses import dataclass

PRETRAINED = ("imagenet", "bundled")
BUNDLED_DIR = os.path.join(os.path.dirname(__file__), "weights")


class WeightsNotFoundError(FileNotFoundError):
    """A pretrained weights file is not on this machine (kerasish never downloads one)."""


@dataclass(frozen=True)
class ImagenetFile:
    file_name: str
    file_hash: str  # as published in Keras's source: md5 (32 hex digits) or sha256 (64); "" if none
    url: str


@dataclass(frozen=True)
class BundledWeights:
    file_name: str
    sha256: str
    classes: int
    input_shape: tuple
    trained_on: str


# The files scripts/train_bundled_weights.py writes; their sha256 is pinned here by hand from its
# output (a rerun that changes the bytes must update it).
BUNDLED = {
    "tinynet": BundledWeights(
        "tinynet_digits0-4.weights.h5",
        "03f8e470e1742b11c0a9f8d122de0e2cc8edfd774c343b69665360838efe1941",
        classes=5, input_shape=(8, 8, 1),
        trained_on="UCI handwritten digits 0-4, 8x8 grayscale in [0, 1]"),
}


def check_weights_argument(weights, app):
    if weights is None or (isinstance(weights, str) and weights in PRETRAINED):
        return
    if isinstance(weights, (str, os.PathLike)) and os.path.isfile(weights):
        return
    raise ValueError(
        f"{app}: the `weights` argument should be either `None` (random initialization), "
        "'imagenet' (Keras's ImageNet file, looked up locally), 'bundled' (the small weights "
        "shipped with kerasish) or the path to an existing weights file. "
        f"Received: weights={weights!r}")


def search_folders():
    """The local folders looked in for `weights="imagenet"`, in order."""
    folders = []
    if os.environ.get("KERASISH_WEIGHTS"):
        folders.append(os.path.expanduser(os.environ["KERASISH_WEIGHTS"]))
    keras_home = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    folders.append(os.path.join(keras_home, "models"))
    return folders


def file_digest(path, algorithm):
    digest = hashlib.new(algorithm)
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_file_hash(path, expected, what):
    """Raises unless the file's md5 or sha256 (picked by the length of `expected`) matches."""
    algorithm = "md5" if len(expected) == 32 else "sha256"
    actual = file_digest(path, algorithm)
    if actual != expected.lower():
        raise ValueError(
            f"{what}: the file {path} has {algorithm} {actual}, but the expected {algorithm} is "
            f"{expected}. The file is corrupt, truncated or a different file; replace it.")


def find_imagenet_file(app, spec):
    """The checked local path of Keras's ImageNet file `spec`, or WeightsNotFoundError."""
    folders = search_folders()
    for folder in folders:
        path = os.path.join(folder, spec.file_name)
        if os.path.isfile(path):
            if spec.file_hash:
                check_file_hash(path, spec.file_hash, f"{app} ImageNet weights")
            return path
    if "KERASISH_WEIGHTS" not in os.environ:
        folders.insert(0, "$KERASISH_WEIGHTS (not set)")
    published = (f"published {'md5' if len(spec.file_hash) == 32 else 'sha256'}: "
                 f"{spec.file_hash}" if spec.file_hash else
                 "Keras publishes no hash for this file, so it cannot be checked")
    raise WeightsNotFoundError(
        f"{app}: weights='imagenet' needs the file {spec.file_name!r}, which is not in any of: "
        f"{', '.join(folders)}. kerasish never downloads weights: fetch it yourself from "
        f"{spec.url} ({published}), put it in one of those folders (or the folder named by "
        f"KERASISH_WEIGHTS), or pass its path as weights='/path/to/{spec.file_name}'.")


def bundled_path(app, key):
    """The checked path of the bundled weights `key`, or a ValueError naming those that exist."""
    spec = BUNDLED.get(key)
    if spec is None:
        have = ", ".join(sorted(BUNDLED)) or "none"
        raise ValueError(f"{app}: no bundled weights are shipped for this architecture "
                         f"(bundled weights exist for: {have}). Use weights=None, 'imagenet' "
                         "or a path.")
    path = os.path.join(BUNDLED_DIR, spec.file_name)
    if not os.path.isfile(path):
        raise WeightsNotFoundError(f"{app}: the bundled weights file {path} is missing from the "
                                   "installation (package data); reinstall kerasish.")
    check_file_hash(path, spec.sha256, f"{app} bundled weights")
    return path


def load_pretrained(model, weights, app, imagenet=None, bundled=None, reference=None):
    """Loads `weights` into the built `model`. `imagenet` is the ImagenetFile for this
    configuration (None: no ImageNet file exists for it); `bundled` the key into BUNDLED;
    `reference(spec)` builds the architecture with the top the bundled file was saved with, from
    which the weights are copied layer by layer (so include_top=False and any input size work)."""
    if weights is None:
        return model
    if weights == "imagenet":
        if imagenet is None:
            raise ValueError(f"{app}: Keras publishes no ImageNet weights for this configuration.")
        model.load_weights(find_imagenet_file(app, imagenet))
    elif weights == "bundled":
        path = bundled_path(app, bundled)
        spec = BUNDLED[bundled]
        top = [layer for layer in model.layers if layer.name == "predictions"]
        if top and top[0].units != spec.classes:
            raise ValueError(
                f"{app}: the bundled weights were trained with {spec.classes} classes "
                f"({spec.trained_on}); with `include_top=True`, `classes` should be "
                f"{spec.classes}. Received classes={top[0].units}. Use include_top=False to "
                "put a head of your own on the pretrained backbone.")
        full = reference(spec)
        full.load_weights(path)
        copy_weights_by_name(full, model)
    else:
        model.load_weights(os.fspath(weights))
    return model


def copy_weights_by_name(source, target):
    """Copies every weighted layer of `target` from the layer of the same name in `source`."""
    by_name = {layer.name: layer for layer in source.layers}
    for layer in target.layers:
        if not layer.weights:
            continue
        if layer.name not in by_name:
            raise ValueError(f"Pretrained weights have no layer named {layer.name!r}.")
        layer.set_weights(by_name[layer.name].get_weights())
