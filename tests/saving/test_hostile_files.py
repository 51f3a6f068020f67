"""Hostile files are refused with the library's own errors, before anything runs or a large
allocation happens; broken files give clear errors."""

import numpy as np
import pytest

import kerasish
from kerasish.saving import (
    ConfigError, FileFormatError, SavingError, UnsafeCodeError, UnsafeFileError,
    WeightsMismatchError,
)
from tests.saving import hostile_files as hf


@pytest.fixture
def saved(tmp_path):
    model = hf.valid_model()
    model.save(tmp_path / "ok.keras")
    model.save_weights(tmp_path / "ok.weights.h5")
    return tmp_path


def _load(path):
    return kerasish.saving.load_model(path)


# -- code and names in configs -------------------------------------------------------------------
def test_lambda_bytecode_is_refused_and_never_runs(saved):
    marker = saved / "ran"

    def edit(config):
        config["config"]["layers"][1]["config"]["activation"] = hf.lambda_entry(marker)
    (saved / "evil.keras").write_bytes(hf.with_config(saved / "ok.keras", edit))
    with pytest.raises(UnsafeCodeError, match="safe_mode=False") as info:
        _load(saved / "evil.keras")
    assert "activation" in str(info.value) and not marker.exists()


def test_keras2_lambda_layer_bytecode_is_refused(saved):
    marker = saved / "ran"

    def edit(config):
        config["config"]["layers"].append({"class_name": "Lambda", "config": {
            "name": "l", "function": [hf.marker_code(marker), None, None],
            "function_type": "lambda", "output_shape": None, "arguments": {}}})
    (saved / "evil.keras").write_bytes(hf.with_config(saved / "ok.keras", edit))
    with pytest.raises(UnsafeCodeError):
        _load(saved / "evil.keras")
    assert not marker.exists()


ARBITRARY = {
    "layer naming os.system": lambda c: c["config"]["layers"].append(
        {"module": "os", "class_name": "system", "config": {"command": "touch pwned"},
         "registered_name": "os>system"}),
    "activation naming os.system": lambda c: c["config"]["layers"][1]["config"].update(
        activation={"module": "os", "class_name": "function", "config": "system",
                    "registered_name": "function"}),
    "initializer naming subprocess.Popen": lambda c: c["config"]["layers"][1]["config"].update(
        kernel_initializer={"module": "subprocess", "class_name": "Popen",
                            "config": {"args": "touch pwned"}}),
    "model class from builtins": lambda c: c.update(module="builtins", class_name="eval",
                                                    registered_name="builtins>eval"),
    "optimizer naming a module": lambda c: c.update(compile_config={
        "optimizer": {"module": "os", "class_name": "system", "config": {}}, "loss": "mse"}),
}


@pytest.mark.parametrize("case", sorted(ARBITRARY))
def test_config_naming_arbitrary_code_is_refused(saved, case, monkeypatch):
    monkeypatch.chdir(saved)
    (saved / "evil.keras").write_bytes(hf.with_config(saved / "ok.keras", ARBITRARY[case]))
    with pytest.raises(ConfigError):
        _load(saved / "evil.keras")
    assert not (saved / "pwned").exists()


# -- HDF5 --------------------------------------------------------------------------------------
H5_CASES = {
    "external link": (lambda f, p: hf.external_link(f, p), "external link"),
    "soft link": (lambda f, p: hf.soft_link(f), "soft link"),
    "external storage": (lambda f, p: hf.external_storage(f, p), "external storage"),
    "virtual dataset": (lambda f, p: hf.virtual_dataset(f), "virtual"),
    "shape bomb": (lambda f, p: hf.shape_bomb(f), r"\(100000, 100000\)"),
    "compressed bomb": (lambda f, p: hf.compressed_bomb(f), "cannot hold"),
    "string data": (lambda f, p: hf.string_dataset(f), "non-numeric"),
    "reference attribute": (lambda f, p: hf.reference_attribute(f), "attribute"),
}


@pytest.mark.parametrize("case", sorted(H5_CASES))
def test_hostile_hdf5_is_refused(saved, case):
    edit, message = H5_CASES[case]
    path = hf.edit_h5(saved / "ok.weights.h5", saved / "evil.weights.h5", lambda f: edit(f, saved))
    model = hf.valid_model()
    before = [w.copy() for w in model.get_weights()]
    with pytest.raises(UnsafeFileError, match=message):
        model.load_weights(path)
    for a, b in zip(model.get_weights(), before):  # nothing was assigned
        np.testing.assert_array_equal(a, b)


def test_hostile_hdf5_inside_an_archive_is_refused(saved):
    path = hf.edit_h5(saved / "ok.weights.h5", saved / "evil.weights.h5", hf.shape_bomb)
    members = hf.members_of(saved / "ok.keras")
    members["model.weights.h5"] = path.read_bytes()
    (saved / "evil.keras").write_bytes(hf.archive(members))
    with pytest.raises(UnsafeFileError):
        _load(saved / "evil.keras")


# -- zip ---------------------------------------------------------------------------------------
def test_zip_bomb_is_refused(saved):
    import io
    import zipfile
    members = hf.members_of(saved / "ok.keras")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("config.json", members["config.json"] + b" " * 80_000_000)
        zf.writestr("metadata.json", members["metadata.json"])
        zf.writestr("model.weights.h5", members["model.weights.h5"])
    (saved / "bomb.keras").write_bytes(buffer.getvalue())
    assert (saved / "bomb.keras").stat().st_size < 1_000_000
    with pytest.raises(UnsafeFileError, match="zip bomb"):
        _load(saved / "bomb.keras")


@pytest.mark.parametrize("name", ["../escape.txt", "/abs/escape.txt", "assets/../../x"])
def test_path_traversal_member_is_refused(saved, name):
    members = hf.members_of(saved / "ok.keras")
    members[name] = b"owned"
    (saved / "trav.keras").write_bytes(hf.archive(members))
    with pytest.raises(UnsafeFileError, match="traversal"):
        _load(saved / "trav.keras")
    assert not (saved.parent / "escape.txt").exists()


# -- broken files --------------------------------------------------------------------------------
def test_truncated_and_non_hdf5_files(saved):
    data = (saved / "ok.weights.h5").read_bytes()
    (saved / "cut.weights.h5").write_bytes(data[: len(data) // 2])
    (saved / "text.weights.h5").write_text("not weights at all")
    (saved / "flipped.weights.h5").write_bytes(data[:8] + b"\xff" * 200 + data[208:])
    model = hf.valid_model()
    for name in ("cut", "text", "flipped"):
        with pytest.raises(SavingError) as info:
            model.load_weights(saved / f"{name}.weights.h5")
        assert isinstance(info.value, (FileFormatError, UnsafeFileError)), name
    with pytest.raises(FileFormatError, match="not an HDF5 file"):
        model.load_weights(saved / "text.weights.h5")


@pytest.mark.parametrize("missing", ["config.json", "model.weights.h5"])
def test_archive_missing_members(saved, missing):
    members = hf.members_of(saved / "ok.keras")
    del members[missing]
    (saved / "bad.keras").write_bytes(hf.archive(members))
    with pytest.raises(FileFormatError, match=missing):
        _load(saved / "bad.keras")


def test_archive_with_wrong_members(saved):
    members = hf.members_of(saved / "ok.keras")
    (saved / "json.keras").write_bytes(hf.archive(dict(members, **{"config.json": b"{nope"})))
    with pytest.raises(FileFormatError, match="JSON"):
        _load(saved / "json.keras")
    (saved / "notmodel.keras").write_bytes(hf.archive(dict(members, **{"config.json": b"[1, 2]"})))
    with pytest.raises(ConfigError):
        _load(saved / "notmodel.keras")
    (saved / "w.keras").write_bytes(hf.archive(dict(members, **{"model.weights.h5": b"junk"})))
    with pytest.raises(FileFormatError):
        _load(saved / "w.keras")
    (saved / "nozip.keras").write_bytes(b"PK\x03\x04 definitely not a zip")
    with pytest.raises(FileFormatError, match="not a .keras archive"):
        _load(saved / "nozip.keras")


def test_weights_for_another_architecture_name_layer_and_shapes(saved):
    other = kerasish.Sequential([kerasish.Input((3,)), kerasish.layers.Dense(5, name="wide"),
                                 kerasish.layers.Dense(2)])
    with pytest.raises(WeightsMismatchError) as info:
        other.load_weights(saved / "ok.weights.h5")
    message = str(info.value)
    assert "'wide'" in message and "(3, 5)" in message and "(3, 4)" in message
    assert "skip_mismatch=True" in message
    deeper = kerasish.Sequential([kerasish.Input((3,)), kerasish.layers.Dense(4),
                                  kerasish.layers.Dense(2), kerasish.layers.Dense(1)])
    with pytest.raises(WeightsMismatchError, match="not in the file"):
        deeper.load_weights(saved / "ok.weights.h5")


def test_safe_mode_error_is_a_value_error():
    assert issubclass(SavingError, ValueError) and issubclass(UnsafeCodeError, UnsafeFileError)


def test_hard_link_cycle_is_refused(saved):
    def loop(f):
        f["layers/dense"]["loop"] = f["/"]
    path = hf.edit_h5(saved / "ok.weights.h5", saved / "loop.weights.h5", loop)
    with pytest.raises(UnsafeFileError, match="cycle"):
        hf.valid_model().load_weights(path)
