"""model.summary(): the text must equal what Keras 3 prints for the same model.

Keras draws the table with `rich`, whose layout depends on the console width; both libraries read
it from $COLUMNS (and the default line length from shutil.get_terminal_size, which reads it too),
so each test fixes COLUMNS and the comparison is deterministic."""
import random

import numpy as np
import pytest

import kerasish
from kerasish.models.summary_table import render_table, wrap

keras = pytest.importorskip("keras")


@pytest.fixture(autouse=True)
def columns(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")


def summary_text(model, **kwargs):
    printed = []
    model.summary(print_fn=printed.append, **kwargs)
    assert len(printed) == 1  # Keras 3 calls print_fn once, with the whole text
    return printed[0]


def assert_same_summary(build, **kwargs):
    ours, theirs = summary_text(build(kerasish), **kwargs), summary_text(build(keras), **kwargs)
    assert ours == theirs, f"kerasish:\n{ours}\nKeras:\n{theirs}"
    return ours


def name_op(tensor, name):
    """Gives the op that made a symbolic tensor a fixed name (auto names count per process)."""
    history = tensor._keras_history
    operation = history[0] if isinstance(history, tuple) and not hasattr(history, "operation") \
        else history.operation
    operation.name = name


def mlp(lib):
    return lib.Sequential([lib.Input((4,)), lib.layers.Dense(8, activation="relu", name="hidden"),
                           lib.layers.Dense(2, name="out")], name="mlp")


def deferred(lib):
    return lib.Sequential([lib.layers.Dense(3, name="d1"), lib.layers.Dense(2, name="d2")],
                          name="deferred")


def deferred_then_called(lib):
    model = deferred(lib)
    model(np.zeros((2, 5), "float32"))
    return model


def merged_dict_io(lib):
    if not hasattr(lib.layers, "Concatenate"):
        pytest.skip("kerasish.layers.Concatenate is not written yet")
    a, b = lib.Input((4,), name="a"), lib.Input((3,), name="b")
    both = lib.layers.Concatenate(name="cat")([a, b])
    return lib.Model({"a": a, "b": b}, {"o": lib.layers.Dense(2, name="o")(both),
                                        "p": lib.layers.Dense(1, name="p")(both)}, name="dict_io")


def two_inputs(lib):
    a, b = lib.Input((4,), name="a"), lib.Input((4,), name="b")
    shared = lib.layers.Dense(3, name="shared")
    total = lib.ops.add(shared(a), shared(b))
    name_op(total, "add")
    return lib.Model([a, b], lib.layers.Dense(1, name="head")(total), name="two_inputs")


def nested(lib):
    inner = lib.Sequential([lib.Input((4,)), lib.layers.Dense(3, name="i1"),
                            lib.layers.Dense(3, name="i2")], name="inner")
    x = lib.Input((4,), name="x")
    return lib.Model(x, lib.layers.Dense(2, name="head")(inner(x)), name="outer")


def nested_multi_output(lib):
    a, b = lib.Input((4,), name="a"), lib.Input((3,), name="b")
    towers = lib.Model([a, b], [lib.layers.Dense(2, name="o1")(a),
                                lib.layers.Dense(5, name="o2")(b)], name="towers")
    a2, b2 = lib.Input((4,), name="a2"), lib.Input((3,), name="b2")
    return lib.Model([a2, b2], towers([a2, b2]), name="wrapper")


def frozen(lib):
    model = nested(lib)
    model.get_layer("inner").layers[0].trainable = False
    model.get_layer("head").trainable = False
    return model


@pytest.mark.parametrize("build", [mlp, deferred, deferred_then_called, two_inputs, nested,
                                   nested_multi_output, frozen, merged_dict_io])
def test_default_summary_matches_keras(backend, build):
    assert_same_summary(build)


def test_sequential_mlp_text(backend):
    text = assert_same_summary(mlp)
    assert text.startswith('Model: "mlp"\n┏')
    assert "│ hidden (Dense)" in text and "(None, 8)" in text
    assert text.endswith(" Total params: 58 (232.00 B)\n Trainable params: 58 (232.00 B)\n"
                         " Non-trainable params: 0 (0.00 B)\n")


def test_unbuilt_sequential(backend):
    text = assert_same_summary(deferred)
    assert "│ d1 (Dense)" in text and "0 (unbuilt)" in text and "│ ?" in text


def test_shared_layer_gets_connected_to_column(backend):
    text = assert_same_summary(two_inputs)
    assert "Connected to" in text and "a[0][0], b[0][0]" in text and "add (Add)" in text


@pytest.mark.parametrize("build", [nested, nested_multi_output, frozen])
def test_expand_nested(backend, build):
    text = assert_same_summary(build, expand_nested=True)
    assert "   └ " in text


@pytest.mark.parametrize("expand_nested", [False, True])
def test_show_trainable_with_frozen_layers(backend, expand_nested):
    text = assert_same_summary(frozen, show_trainable=True, expand_nested=expand_nested)
    assert "Non-trainable params: 23 (92.00 B)" in text  # i1 (15) and head (8)


@pytest.mark.parametrize("kwargs", [
    {"line_length": 60}, {"line_length": 140}, {"positions": [0.2, 0.5, 0.9]},
    {"layer_range": ["hid", "out"]}, {"layer_range": ["out", "hid"]},
    {"show_trainable": True, "line_length": 70},
])
def test_layout_arguments(backend, kwargs):
    assert_same_summary(mlp, **kwargs)


@pytest.mark.parametrize("columns", ["40", "60", "250"])
def test_console_width(backend, monkeypatch, columns):
    """A narrow console narrows the default line; a long line is cut at the console's edge."""
    monkeypatch.setenv("COLUMNS", columns)
    for kwargs in ({}, {"line_length": 120}, {"show_trainable": True}):
        assert_same_summary(two_inputs, **kwargs)
        assert_same_summary(nested, expand_nested=True, **kwargs)


def test_long_names_wrap_and_cut_like_keras(backend):
    def build(lib):
        x = lib.Input((4,), name="x" * 50)
        return lib.Model(x, lib.layers.Dense(2, name="a_rather_long_layer_name_that_wraps")(x),
                         name="m" * 120)
    assert_same_summary(build)


def test_memory_units(backend):
    def build(lib):
        x = lib.Input((300,), name="x")
        y = lib.layers.Dense(1000, name="wide")(x)
        return lib.Model(x, lib.layers.Dense(1000, name="wider")(y), name="big")
    text = assert_same_summary(build)
    assert "(4.97 MB)" in text


def test_subclassed_model_before_and_after_call(backend):
    class Sub(kerasish.Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.d1 = kerasish.layers.Dense(3, name="s1")
            self.d2 = kerasish.layers.Dense(2, name="s2")

        def call(self, x):
            return self.d2(self.d1(x))

    class KerasSub(keras.Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.d1 = keras.layers.Dense(3, name="s1")
            self.d2 = keras.layers.Dense(2, name="s2")

        def call(self, x):
            return self.d2(self.d1(x))

    ours, theirs = Sub(name="sub"), KerasSub(name="sub")
    assert summary_text(ours) == summary_text(theirs)
    x = np.zeros((2, 4), "float32")
    ours(x), theirs(x)
    assert summary_text(ours) == summary_text(theirs)


def test_prints_to_stdout_without_print_fn(backend, capsys):
    mlp(keras).summary()
    theirs = capsys.readouterr().out
    mlp(kerasish).summary()
    assert capsys.readouterr().out == theirs


def test_bad_arguments(backend):
    model = mlp(kerasish)
    with pytest.raises(ValueError, match="layer_range must be a list or tuple of length 2"):
        model.summary(layer_range=["hidden"])
    with pytest.raises(ValueError, match="string type only"):
        model.summary(layer_range=[0, 1])
    with pytest.raises(ValueError, match="do not match the layer names"):
        model.summary(layer_range=["nope", "out"])
    with pytest.raises(ValueError, match="Insufficient console width"):
        model.summary(line_length=10)


def test_table_layout_matches_rich():
    """The box table and word wrapping against rich itself, on random cells and widths."""
    rich_table = pytest.importorskip("rich.table")
    from rich.console import Console
    from rich.markup import escape
    from rich.text import Text

    rng = random.Random(0)

    def word():
        return "".join(rng.choice("abcdefghij[]()_,.0123") for _ in range(rng.randint(1, 14)))

    for _ in range(150):
        n, table_width = rng.randint(1, 5), rng.randint(20, 130)
        ends = sorted(rng.uniform(0.05, 1) for _ in range(n))
        if rng.random() < 0.7:
            ends[-1] = 1.0
        widths = [int(e * table_width) - int(s * table_width) for s, e in zip([0] + ends, ends)]
        if min(widths) < 4:
            continue
        justify = [rng.choice(["left", "right", "center"]) for _ in range(n)]
        header = [" ".join(word() for _ in range(rng.randint(1, 3))) for _ in range(n)]
        rows = [[" ".join(word() for _ in range(rng.randint(1, 4))) for _ in range(n)]
                for _ in range(rng.randint(0, 3))]
        columns = [rich_table.Column(Text(h), justify=j, width=w)
                   for h, j, w in zip(header, justify, widths)]
        table = rich_table.Table(*columns, width=table_width, show_lines=True)
        for row in rows:
            table.add_row(*[escape(cell) for cell in row])
        console = Console(width=1000, highlight=False, force_terminal=False, color_system=None)
        console.begin_capture()
        console.print(table)
        expected = console.end_capture()
        lines = render_table(header, rows, widths, justify, table_width)
        got = "".join(line + "\n" for line in lines)
        assert got == expected, (header, rows, widths, justify, table_width)

        text = " ".join(word() * rng.randint(1, 3) for _ in range(rng.randint(1, 8)))
        width = rng.randint(3, 30)
        console = Console(width=width, highlight=False, force_terminal=False, color_system=None)
        console.begin_capture()
        console.print(Text(text))
        assert "".join(line + "\n" for line in wrap(text, width)) == console.end_capture()
