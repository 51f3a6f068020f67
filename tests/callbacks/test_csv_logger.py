"""CSVLogger writes Keras's exact file: sorted columns, val_ columns reserved, append."""
from kerasish import callbacks
from tests.callbacks.fake_fit import fake_fit, small_model


def test_csv_content_and_append(tmp_path):
    path = tmp_path / "log.csv"
    fake_fit(small_model(), [callbacks.CSVLogger(path)], epochs=2, losses=[0.5, 0.25],
             val_losses=[0.75, 0.5], metrics={"acc": [0.5, 1.0]})
    assert path.read_bytes() == (b"epoch,acc,loss,val_loss\r\n0,0.5,0.5,0.75\r\n"
                                 b"1,1.0,0.25,0.5\r\n")
    fake_fit(small_model(), [callbacks.CSVLogger(path, append=True)], epochs=1, losses=[0.125],
             val_losses=[0.25], metrics={"acc": [0.75]})
    assert path.read_bytes().endswith(b"1,1.0,0.25,0.5\r\n0,0.75,0.125,0.25\r\n")
    assert path.read_bytes().count(b"epoch") == 1
    fake_fit(small_model(), [callbacks.CSVLogger(path)], epochs=1, losses=[2.0])
    # Overwritten; without validation the val_ columns are kept for later epochs.
    assert path.read_text() == "epoch,loss,val_loss\n0,2.0,NA\n"


def test_separator_and_array_values(tmp_path):
    import numpy as np

    path = tmp_path / "log.tsv"
    cb = callbacks.CSVLogger(str(path), separator="\t")
    cbs = callbacks.CallbackList([cb], model=small_model(), epochs=1, steps=1, verbose=0)
    cbs.on_train_begin()
    cbs.on_epoch_end(0, {"loss": np.float32(1.5), "per_class": np.array([1.0, 2.0]),
                         "val_loss": 1.0})
    cbs.on_train_end()
    assert path.read_text().splitlines() == ["epoch\tloss\tper_class\tval_loss",
                                             '0\t1.5\t"""[1.0, 2.0]"""\t1.0']
