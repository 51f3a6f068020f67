"""Where weights come from: weights="imagenet" only from local places, hash-checked, with an
error that says what to fetch and where to put it; weights="bundled" pinned by sha256; bad
`weights`/`classes` arguments."""
import hashlib
import os
import shutil

import numpy as np
import pytest

from kerasish import applications
from kerasish.applications import vgg16, weights as weights_lib
from kerasish.applications.weights import ImagenetFile, WeightsNotFoundError


@pytest.fixture
def no_local_weights(tmp_path, monkeypatch):
    """Empty KERASISH_WEIGHTS and Keras cache folders."""
    monkeypatch.setenv("KERASISH_WEIGHTS", str(tmp_path / "kerasish_weights"))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    (tmp_path / "kerasish_weights").mkdir()
    (tmp_path / "keras_home" / "models").mkdir(parents=True)
    return tmp_path


@pytest.mark.parametrize("arch, kwargs, file_name, file_hash", [
    ("VGG16", dict(include_top=False, input_shape=(32, 32, 3)),
     "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5", "6d6bbae143d832006294945121d1f1fc"),
    ("ResNet50", dict(), "resnet50_weights_tf_dim_ordering_tf_kernels.h5",
     "2cb95161c43110f7111970584f804107"),
])
def test_missing_imagenet_file_says_what_and_where(no_local_weights, arch, kwargs, file_name,
                                                   file_hash):
    with pytest.raises(WeightsNotFoundError) as info:
        getattr(applications, arch)(weights="imagenet", **kwargs)
    message = str(info.value)
    assert file_name in message and file_hash in message
    assert str(no_local_weights / "kerasish_weights") in message
    assert os.path.join(str(no_local_weights / "keras_home"), "models") in message
    assert "never downloads" in message and "https://storage.googleapis.com/" in message


def test_missing_mobilenet_file_says_no_hash_is_published(no_local_weights):
    with pytest.raises(WeightsNotFoundError, match="mobilenet_v2_weights_tf_dim_ordering_tf_"
                       "kernels_0.35_96_no_top.h5.*publishes no hash"):
        applications.MobileNetV2(input_shape=(96, 96, 3), alpha=0.35, include_top=False)


def test_missing_file_names_unset_env_var(tmp_path, monkeypatch):
    monkeypatch.delenv("KERASISH_WEIGHTS", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    with pytest.raises(WeightsNotFoundError, match=r"\$KERASISH_WEIGHTS \(not set\)"):
        applications.VGG16(weights="imagenet", include_top=False, input_shape=(32, 32, 3))


def _write_keras_vgg16_notop(folder):
    keras = pytest.importorskip("keras")
    model = keras.applications.VGG16(weights=None, include_top=False, input_shape=(32, 32, 3))
    path = os.path.join(folder, "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5")
    from tests.applications.keras_oracle import save_both_layouts
    _, legacy = save_both_layouts(model, str(folder))
    shutil.move(legacy, path)
    return model, path


@pytest.mark.parametrize("place", ["KERASISH_WEIGHTS", "KERAS_HOME"])
def test_present_imagenet_file_is_hash_checked_and_loaded(no_local_weights, monkeypatch, place):
    folder = (no_local_weights / "kerasish_weights" if place == "KERASISH_WEIGHTS"
              else no_local_weights / "keras_home" / "models")
    keras_model, path = _write_keras_vgg16_notop(folder)
    # A wrong file under the right name: refused, naming both hashes.
    with pytest.raises(ValueError, match="has md5 [0-9a-f]{32}, but the expected md5 is "
                       "6d6bbae143d832006294945121d1f1fc"):
        applications.VGG16(weights="imagenet", include_top=False, input_shape=(32, 32, 3))
    # The same file with its hash pinned (as the real file's is): loaded.
    with open(path, "rb") as f:
        digest = hashlib.md5(f.read()).hexdigest()
    spec = vgg16.IMAGENET[False]
    monkeypatch.setitem(vgg16.IMAGENET, False, ImagenetFile(spec.file_name, digest, spec.url))
    ours = applications.VGG16(weights="imagenet", include_top=False, input_shape=(32, 32, 3))
    for a, b in zip(ours.get_weights(), keras_model.get_weights()):
        np.testing.assert_array_equal(a, np.asarray(b))


def test_bad_weights_and_classes_arguments():
    with pytest.raises(ValueError, match="VGG16: the `weights` argument.*Received: "
                       "weights='/no/such/file.h5'"):
        applications.VGG16(weights="/no/such/file.h5")
    with pytest.raises(ValueError, match="`classes` should be 1000.*classes=10"):
        applications.ResNet50(weights="imagenet", classes=10)
    with pytest.raises(ValueError, match="pooling"):
        applications.TinyNet(include_top=False, pooling="mean")
    with pytest.raises(ValueError, match="alpha must be one of"):
        applications.MobileNetV2(alpha=0.6, weights="imagenet")
    with pytest.raises(ValueError, match="Input size must be at least 32x32"):
        applications.MobileNetV2(input_shape=(16, 16, 3), weights=None)
    with pytest.raises(ValueError, match="static `input_shape`"):
        applications.VGG16(weights=None, input_shape=(None, None, 3))
    with pytest.raises(ValueError, match="no bundled weights are shipped.*tinynet"):
        applications.VGG16(weights="bundled", include_top=False, input_shape=(32, 32, 3))


def test_bundled_weights_classify_digits(backend):
    from kerasish.datasets import digits
    model = applications.TinyNet(weights="bundled", classes=5)
    _, (x, y) = digits.load_data()
    keep = y < 5
    predictions = np.asarray(model.predict(x[keep][..., None] / 16.0, verbose=0))
    assert (predictions.argmax(-1) == y[keep]).mean() > 0.95


def test_bundled_backbone_any_top(backend):
    full = applications.TinyNet(weights="bundled", classes=5)
    backbone = applications.TinyNet(weights="bundled", include_top=False, pooling="avg",
                                     input_shape=(16, 16, 1))
    for layer in backbone.layers:
        if layer.weights:
            for a, b in zip(layer.get_weights(), full.get_layer(layer.name).get_weights()):
                np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="trained with 5 classes.*classes=10"):
        applications.TinyNet(weights="bundled", classes=10)


def test_bundled_file_is_sha256_checked(tmp_path, monkeypatch):
    spec = weights_lib.BUNDLED["tinynet"]
    with open(os.path.join(weights_lib.BUNDLED_DIR, spec.file_name), "rb") as f:
        data = bytearray(f.read())
    assert hashlib.sha256(data).hexdigest() == spec.sha256
    data[-1] ^= 1  # one flipped bit
    (tmp_path / spec.file_name).write_bytes(bytes(data))
    monkeypatch.setattr(weights_lib, "BUNDLED_DIR", str(tmp_path))
    with pytest.raises(ValueError, match=f"expected sha256 is {spec.sha256}"):
        applications.TinyNet(weights="bundled", classes=5)
    (tmp_path / spec.file_name).unlink()
    with pytest.raises(WeightsNotFoundError, match="missing from the installation"):
        applications.TinyNet(weights="bundled", classes=5)
