"""Bad arguments to the nn ops (other than convolution and pooling) give clear errors on every backend."""
import numpy as np
import pytest

from kerasish import ops


def f(*shape):
    return np.ones(shape, dtype="float32")


# ---- activations and softmax -----------------------------------------------------------------------

def test_activation_keyword_types(backend):
    with pytest.raises(TypeError, match=r"elu: `alpha` must be a number; received 'big'"):
        ops.elu(f(2), alpha="big")
    with pytest.raises(TypeError, match=r"leaky_relu: `negative_slope` must be a number"):
        ops.leaky_relu(f(2), negative_slope=None)
    with pytest.raises(TypeError, match=r"gelu: `approximate` must be a bool; received 'tanh'"):
        ops.gelu(f(2), approximate="tanh")


@pytest.mark.parametrize("op", ["softmax", "log_softmax"])
def test_softmax_axis_out_of_range(backend, op):
    with pytest.raises(ValueError, match=rf"{op}: `axis`=2 is out of range for `x` with 2 dimensions; "
                                         r"expected an axis in \[-2, 1\]"):
        getattr(ops, op)(f(2, 3), axis=2)
    with pytest.raises(ValueError, match=rf"{op}: `axis`=-3 is out of range"):
        getattr(ops, op)(f(2, 3), axis=-3)
    with pytest.raises(ValueError, match=rf"{op}: `axis`=-1 is out of range for `x`, a scalar"):
        getattr(ops, op)(np.float32(1.0))


def test_softmax_axis_tuple_errors(backend):
    with pytest.raises(ValueError, match=r"softmax: `axis` has repeated axes: \(0, -2\)"):
        ops.softmax(f(2, 3), axis=(0, -2))
    with pytest.raises(ValueError, match=r"log_softmax: `axis`=5 is out of range"):
        ops.log_softmax(f(2, 3), axis=(0, 5))
    with pytest.raises(TypeError, match=r"softmax: `axis` must be an int; received 'last'"):
        ops.softmax(f(2, 3), axis="last")


def test_softmax_over_a_size_one_axis_warns(backend):
    with pytest.warns(UserWarning, match=r"softmax: the softmax axis 1 .* has size 1"):
        out = ops.softmax(f(3, 1))
    np.testing.assert_allclose(ops.convert_to_numpy(out), 1.0)


# ---- moments and batch_normalization ---------------------------------------------------------------

def test_moments_axes(backend):
    with pytest.raises(ValueError, match=r"moments: `axes`=3 is out of range for `x` with 3 dimensions"):
        ops.moments(f(2, 3, 4), axes=[0, 3])
    with pytest.raises(ValueError, match=r"moments: `axes` has repeated axes: \[1, -2\]"):
        ops.moments(f(2, 3, 4), axes=[1, -2])


def test_batch_normalization_vector_shapes(backend):
    x = f(2, 3, 4)
    with pytest.raises(ValueError, match=r"batch_normalization: `mean` must be a vector of length "
                                         r"x.shape\[axis\] \(4, axis=2 of x with shape \(2, 3, 4\)\); "
                                         r"received shape \(3,\)"):
        ops.batch_normalization(x, f(3), f(4), axis=-1)
    with pytest.raises(ValueError, match=r"batch_normalization: `variance` must be a vector .* "
                                         r"received shape \(1, 3\)"):
        ops.batch_normalization(x, f(3), f(1, 3), axis=1)
    with pytest.raises(ValueError, match=r"batch_normalization: `offset` must be a vector"):
        ops.batch_normalization(x, f(3), f(3), axis=1, offset=f(4))
    with pytest.raises(ValueError, match=r"batch_normalization: `scale` must be a vector .* received shape \(\)"):
        ops.batch_normalization(x, f(3), f(3), axis=1, scale=np.float32(2.0))


def test_batch_normalization_axis_and_epsilon(backend):
    with pytest.raises(ValueError, match=r"batch_normalization: `axis`=3 is out of range for `x` with 3"):
        ops.batch_normalization(f(2, 3, 4), f(4), f(4), axis=3)
    with pytest.raises(TypeError, match=r"batch_normalization: `epsilon` must be a number"):
        ops.batch_normalization(f(2, 3), f(3), f(3), axis=-1, epsilon="small")


# ---- cross-entropies -------------------------------------------------------------------------------

def test_binary_crossentropy_shape_mismatch(backend):
    with pytest.raises(ValueError, match=r"binary_crossentropy: `target` and `output` must have the same "
                                         r"shape; received target.shape=\(4, 1\), output.shape=\(4,\)"):
        ops.binary_crossentropy(f(4, 1), f(4))


def test_categorical_crossentropy_errors(backend):
    with pytest.raises(ValueError, match=r"categorical_crossentropy: `target` and `output` must have the "
                                         r"same shape; received target.shape=\(2, 3\), output.shape=\(2, 4\)"):
        ops.categorical_crossentropy(f(2, 3), f(2, 4))
    with pytest.raises(ValueError, match=r"categorical_crossentropy: `axis`=2 is out of range for `output` "
                                         r"with 2 dimensions"):
        ops.categorical_crossentropy(f(2, 3), f(2, 3), axis=2)
    with pytest.raises(ValueError, match=r"categorical_crossentropy: .* at least 1 dimension"):
        ops.categorical_crossentropy(np.float32(1), np.float32(1))


def test_sparse_categorical_crossentropy_errors(backend):
    labels = np.zeros((2,), dtype="int32")
    with pytest.raises(ValueError, match=r"sparse_categorical_crossentropy: `target` must have the shape of "
                                         r"`output` without the class axis 1, i.e. \(2,\) \(or \(2, 1\)\); "
                                         r"received target.shape=\(3,\), output.shape=\(2, 4\)"):
        ops.sparse_categorical_crossentropy(np.zeros((3,), "int32"), f(2, 4))
    with pytest.raises(ValueError, match=r"received target.shape=\(2, 4\)"):
        ops.sparse_categorical_crossentropy(np.zeros((2, 4), "int32"), f(2, 4))  # one-hot, not labels
    with pytest.raises(ValueError, match=r"sparse_categorical_crossentropy: `output` must have at least 1"):
        ops.sparse_categorical_crossentropy(np.int32(0), np.float32(1))
    with pytest.raises(ValueError, match=r"sparse_categorical_crossentropy: `axis`=-3 is out of range for "
                                         r"`output` with 2 dimensions"):
        ops.sparse_categorical_crossentropy(labels, f(2, 4), axis=-3)


# ---- dot_product_attention -------------------------------------------------------------------------

def test_attention_rank(backend):
    with pytest.raises(ValueError, match=r"dot_product_attention: `query` must have rank 4 \(batch, time, "
                                         r"heads, head_dim\); received shape \(2, 3, 4\) \(rank 3\)"):
        ops.dot_product_attention(f(2, 3, 4), f(2, 3, 1, 4), f(2, 3, 1, 4))
    with pytest.raises(ValueError, match=r"dot_product_attention: `value` must have rank 4"):
        ops.dot_product_attention(f(2, 3, 1, 4), f(2, 3, 1, 4), f(2, 3, 4))


def test_attention_shape_mismatches(backend):
    q = f(2, 3, 4, 8)
    with pytest.raises(ValueError, match=r"dot_product_attention: query's batch size \(2\) and key's batch "
                                         r"size \(1\) must be equal \(query.shape=\(2, 3, 4, 8\)"):
        ops.dot_product_attention(q, f(1, 5, 4, 8), f(1, 5, 4, 8))
    with pytest.raises(ValueError, match=r"query's head_dim \(8\) and key's head_dim \(6\) must be equal"):
        ops.dot_product_attention(q, f(2, 5, 4, 6), f(2, 5, 4, 6))
    with pytest.raises(ValueError, match=r"key's time steps \(5\) and value's time steps \(4\) must be equal"):
        ops.dot_product_attention(q, f(2, 5, 4, 8), f(2, 4, 4, 8))
    with pytest.raises(ValueError, match=r"key's heads \(4\) and value's heads \(2\) must be equal"):
        ops.dot_product_attention(q, f(2, 5, 4, 8), f(2, 5, 2, 8))
    with pytest.raises(ValueError, match=r"the number of query heads \(4\) must be a multiple of the number "
                                         r"of key/value heads \(3\)"):
        ops.dot_product_attention(q, f(2, 5, 3, 8), f(2, 5, 3, 8))


def test_attention_bias_and_mask_shapes(backend):
    q, kv = f(2, 3, 4, 8), f(2, 5, 4, 8)
    with pytest.raises(ValueError, match=r"dot_product_attention: `bias` must broadcast to the logits' shape "
                                         r"\(batch, heads, query_time, key_time\) = \(2, 4, 3, 5\); "
                                         r"received bias.shape=\(3, 4\)"):
        ops.dot_product_attention(q, kv, kv, bias=f(3, 4))
    with pytest.raises(ValueError, match=r"`mask` must broadcast .* received mask.shape=\(1, 2, 4, 3, 5\)"):
        ops.dot_product_attention(q, kv, kv, mask=np.ones((1, 2, 4, 3, 5), bool))


def test_attention_unsupported_options(backend):
    q = f(1, 2, 1, 4)
    with pytest.raises(ValueError, match=r"dot_product_attention: attn_logits_soft_cap is only supported"):
        ops.dot_product_attention(q, q, q, attn_logits_soft_cap=30.0)
    with pytest.raises(TypeError, match=r"dot_product_attention: `scale` must be a number"):
        ops.dot_product_attention(q, q, q, scale="auto")


def test_attention_flash_on_cpu(backend):
    # No fused kernel on the CPU (nor on the numpy backend): a clear error, as Keras gives.
    q = f(1, 2, 1, 4)
    import jax

    if backend == "jax" and jax.devices()[0].platform == "gpu":
        pytest.skip("a GPU may run the cuDNN kernel")
    with pytest.raises(ValueError, match=r"dot_product_attention: flash_attention=True"):
        ops.dot_product_attention(q, q, q, flash_attention=True)
