"""preprocess_input and decode_predictions against Keras; the shipped ImageNet class index."""
import hashlib

import numpy as np
import pytest

from kerasish import applications, ops
from kerasish.applications import imagenet_utils

keras = pytest.importorskip("keras")


def test_class_index_is_kerass_file():
    with open(imagenet_utils.CLASS_INDEX_FILE, "rb") as f:  # the md5 Keras pins for its download
        assert hashlib.md5(f.read()).hexdigest() == "c2c37ea517e94d9795004a39431a14cb"


@pytest.mark.parametrize("module", ["vgg16", "resnet", "mobilenet_v2", "efficientnet"])
@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_preprocess_input_matches_keras(backend, module, data_format):
    x = np.random.RandomState(0).uniform(0, 255, (2, 3, 4, 3) if data_format == "channels_last"
                                         else (2, 3, 4, 4)).astype("float32")
    theirs = getattr(keras.applications, module).preprocess_input(x.copy(), data_format=data_format)
    ours_np = getattr(applications, module).preprocess_input(x.copy(), data_format=data_format)
    ours_tensor = getattr(applications, module).preprocess_input(ops.convert_to_tensor(x),
                                                                 data_format=data_format)
    np.testing.assert_allclose(ours_np, np.asarray(theirs), rtol=1e-6, atol=1e-4)
    np.testing.assert_allclose(ops.convert_to_numpy(ours_tensor), np.asarray(theirs), rtol=1e-6,
                               atol=1e-4)


@pytest.mark.parametrize("mode", ["caffe", "tf", "torch"])
def test_imagenet_utils_modes_and_integer_input(mode):
    x = np.random.RandomState(1).randint(0, 256, (3, 2, 3)).astype("uint8")
    theirs = keras.applications.imagenet_utils.preprocess_input(x.copy(), mode=mode)
    ours = imagenet_utils.preprocess_input(x.copy(), mode=mode)
    assert ours.dtype == np.float32
    np.testing.assert_allclose(ours, theirs, rtol=1e-6, atol=1e-4)
    with pytest.raises(ValueError, match="mode"):
        imagenet_utils.preprocess_input(x, mode="keras")
    with pytest.raises(ValueError, match="data_format"):
        imagenet_utils.preprocess_input(x, data_format="nhwc")


def test_decode_predictions():
    preds = np.zeros((2, 1000), "float32")
    preds[0, [1, 7, 999]] = [0.2, 0.5, 0.3]
    preds[1, 0] = 1.0
    decoded = applications.resnet.decode_predictions(preds, top=3)
    assert [(c, n) for c, n, _ in decoded[0]] == [("n01514668", "cock"),
                                                 ("n15075141", "toilet_tissue"),
                                                 ("n01443537", "goldfish")]
    assert decoded[1][0][:2] == ("n01440764", "tench") and len(decoded[1]) == 3
    with pytest.raises(ValueError, match=r"\(samples, 1000\).*\(2, 10\)"):
        imagenet_utils.decode_predictions(np.zeros((2, 10)))
