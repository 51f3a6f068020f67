"""Keras weight files load into our applications and give Keras's predictions: for each
architecture, with and without top, in Keras 3's `.weights.h5` and the Keras 2 `.h5` layout."""
import re

import numpy as np
import pytest

from kerasish import applications, ops
from tests.applications.keras_oracle import (
    randomized_keras_model, sample_images, save_both_layouts,
)

keras = pytest.importorskip("keras")

# (architecture, kwargs): small inputs keep these fast; classifier tops return logits so the
# comparison is not flattened by a softmax over many classes.
CASES = {
    "vgg16_notop": ("VGG16", dict(include_top=False, input_shape=(32, 32, 3), pooling="max")),
    "vgg16_top": ("VGG16", dict(include_top=True, input_shape=(32, 32, 3), classes=7,
                                classifier_activation=None)),
    "mobilenet_v2_notop": ("MobileNetV2", dict(include_top=False, alpha=0.35,
                                               input_shape=(32, 32, 3))),
    "mobilenet_v2_top": ("MobileNetV2", dict(include_top=True, alpha=0.5, input_shape=(33, 35, 3),
                                             classes=10, classifier_activation=None)),
}
SLOW_CASES = {
    "resnet50_top": ("ResNet50", dict(include_top=True, input_shape=(32, 32, 3), classes=10,
                                      classifier_activation=None)),
    "resnet50_notop": ("ResNet50", dict(include_top=False, input_shape=(32, 32, 3),
                                        pooling="avg")),
    "efficientnetb0_top": ("EfficientNetB0", dict(include_top=True, input_shape=(32, 32, 3),
                                                  classes=10, classifier_activation=None)),
    "efficientnetb0_notop": ("EfficientNetB0", dict(include_top=False, input_shape=(32, 32, 3))),
}


def _snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower().replace("2_d", "2d")


@pytest.fixture(scope="module")
def keras_files(tmp_path_factory):
    """Per case: (Keras's predictions, sample input, .weights.h5 path, legacy .h5 path)."""
    cache = {}

    def get(case_id, arch, kwargs):
        if case_id not in cache:
            model = randomized_keras_model(keras, arch, kwargs)
            x = sample_images(model)
            paths = save_both_layouts(model, str(tmp_path_factory.mktemp(case_id)))
            cache[case_id] = (np.asarray(model.predict(x, verbose=0)), x, *paths)
        return cache[case_id]
    return get


def check_case(backend, keras_files, case_id, arch, kwargs, layouts=("keras3", "legacy")):
    expected, x, keras3_path, legacy_path = keras_files(case_id, arch, kwargs)
    for layout in layouts:
        path = keras3_path if layout == "keras3" else legacy_path
        ours = getattr(applications, arch)(weights=path, **kwargs)
        got = np.asarray(ops.convert_to_numpy(ours.predict(x, verbose=0)))
        assert got.shape == expected.shape
        scale = max(1.0, float(np.abs(expected).max()))
        np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-4 * scale,
                                   err_msg=f"{case_id} ({layout} layout, {backend})")


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_keras_weights_load_and_predict_the_same(backend, keras_files, case_id):
    check_case(backend, keras_files, case_id, *CASES[case_id])


@pytest.mark.slow
@pytest.mark.parametrize("case_id", sorted(SLOW_CASES))
def test_big_architectures_load_keras_weights(keras_files, case_id):
    import kerasish
    with kerasish.backend.use_backend("jax"):  # run once, on JAX: these are big
        check_case("jax", keras_files, case_id, *SLOW_CASES[case_id])


@pytest.mark.parametrize("case_id", sorted(CASES) + [
    pytest.param(c, marks=pytest.mark.slow) for c in sorted(SLOW_CASES)])
def test_layer_names_and_weight_shapes_match_keras(case_id):
    arch, kwargs = {**CASES, **SLOW_CASES}[case_id]
    theirs = getattr(keras.applications, arch)(weights=None, **kwargs)
    ours = getattr(applications, arch)(weights=None, **kwargs)

    def named_layers(model):  # auto-named layers (Keras names them by a session counter) skipped
        return [(l.name, type(l).__name__, [tuple(w.shape) for w in l.weights])
                for l in model.layers if not re.fullmatch(_snake(type(l).__name__) + r"(_\d+)?", l.name)]
    assert named_layers(ours) == named_layers(theirs)
    assert ours.name == theirs.name
    assert ours.count_params() == theirs.count_params()
    assert tuple(ours.output.shape) == tuple(theirs.output.shape)
