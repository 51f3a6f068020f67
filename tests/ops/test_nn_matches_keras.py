"""nn ops against values computed with Keras 3.15 itself (KERAS_BACKEND=jax, float32 inputs).

The op table only checks our two backends against each other, so a semantic slip made in both
(gelu's default form, leaky_relu's default slope, the cross-entropies' clipping and rescaling,
the causal mask's alignment) would pass there. The expected values below were printed by
`keras.ops.<name>(...)` in a separate environment with Keras installed and pasted here.
"""
import numpy as np
import pytest

from kerasish import ops

X = np.array([-3.0, -1.5, -0.5, 0.0, 0.7, 2.0, 4.0], dtype="float32")

ACTIVATIONS = {
    "relu": [0.0, 0.0, 0.0, 0.0, 0.699999988079071, 2.0, 4.0],
    "relu6": [0.0, 0.0, 0.0, 0.0, 0.699999988079071, 2.0, 4.0],
    # the tanh approximation is the default
    "gelu": [-0.003637343645095825, -0.10042843222618103, -0.1542859971523285, 0.0, 0.5305701494216919,
             1.9545977115631104, 3.999929904937744],
    "silu": [-0.14227762818336487, -0.2736383080482483, -0.1887703388929367, 0.0, 0.46773141622543335,
             1.7615940570831299, 3.9280550479888916],
    "elu": [-0.9502129554748535, -0.7768698334693909, -0.39346933364868164, 0.0, 0.699999988079071, 2.0, 4.0],
    "selu": [-1.670568823814392, -1.3658143281936646, -0.6917582154273987, 0.0, 0.7354906797409058,
             2.1014020442962646, 4.202804088592529],
    # the default negative_slope is 0.2
    "leaky_relu": [-0.6000000238418579, -0.30000001192092896, -0.10000000149011612, 0.0, 0.699999988079071,
                   2.0, 4.0],
    "softplus": [0.04858735203742981, 0.20141328871250153, 0.4740769863128662, 0.6931471824645996,
                 1.1031861305236816, 2.1269280910491943, 4.0181498527526855],
    "softsign": [-0.75, -0.6000000238418579, -0.3333333432674408, 0.0, 0.4117646813392639,
                 0.6666666865348816, 0.800000011920929],
    "hard_sigmoid": [0.0, 0.25, 0.4166666865348816, 0.5, 0.6166666746139526, 0.8333333730697632, 1.0],
    "hard_silu": [-0.0, -0.375, -0.2083333432674408, 0.0, 0.43166667222976685, 1.6666667461395264, 4.0],
    "log_sigmoid": [-3.0485873222351074, -1.7014132738113403, -0.9740769863128662, -0.6931471824645996,
                    -0.4031860828399658, -0.12692800164222717, -0.018149929121136665],
    "softmax": [0.0007557189092040062, 0.0033868972677737474, 0.009206540882587433, 0.015179021283984184,
                0.03056679479777813, 0.1121586337685585, 0.8287464380264282],
    "log_softmax": [-7.187840938568115, -5.687840938568115, -4.687840938568115, -4.187840938568115,
                    -3.4878408908843994, -2.1878409385681152, -0.1878410279750824],
}


def check(got, expected, dtype="float32", rtol=1e-5, atol=1e-6):
    got = ops.convert_to_numpy(got)
    assert str(got.dtype) == dtype
    np.testing.assert_allclose(got, np.asarray(expected, dtype="float64"), rtol=rtol, atol=atol)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_defaults_match_keras(backend, name):
    check(getattr(ops, name)(X), ACTIVATIONS[name])


def test_activation_keywords_match_keras(backend):
    check(ops.gelu(X, approximate=False),
          [-0.0040496960282325745, -0.10021083056926727, -0.1542687714099884, 0.0, 0.5306254029273987,
           1.9544997215270996, 3.999873399734497])
    check(ops.elu(X, alpha=0.5),
          [-0.47510647773742676, -0.38843491673469543, -0.19673466682434082, 0.0, 0.699999988079071, 2.0, 4.0])
    check(ops.leaky_relu(X, negative_slope=0.1),
          [-0.30000001192092896, -0.15000000596046448, -0.05000000074505806, 0.0, 0.699999988079071, 2.0, 4.0])


def test_activation_int_dtypes_match_keras(backend):
    ints = np.array([-2, -1, 0, 1, 3], dtype="int8")
    assert str(ops.convert_to_numpy(ops.relu(ints)).dtype) == "int8"  # relu keeps ints
    check(ops.elu(ints), [-0.8647000193595886, -0.632099986076355, 0.0, 1.0, 3.0], rtol=1e-4)


def test_binary_crossentropy_clipping_matches_keras(backend):
    target = np.array([0., 1., 1., 0., 1.], "float32")
    output = np.array([0.0, 1.0, 0.3, 0.9, 0.5], "float32")  # 0 and 1 are clipped to eps, 1 - eps
    check(ops.binary_crossentropy(target, output),
          [1.1920928955078125e-07, 1.1920928955078125e-07, 1.2039728164672852, 2.3025848865509033,
           0.6931471824645996], atol=1e-7)
    logits = np.array([-2., 3., 0.5, 1.0, -0.25], "float32")
    check(ops.binary_crossentropy(target, logits, from_logits=True),
          [0.12692800164222717, 0.04858735203742981, 0.4740769863128662, 1.3132617473602295,
           0.825939416885376])
    check(ops.binary_crossentropy(np.array([1., 0.], "float32"), np.array([-100., -100.], "float32"),
                                  from_logits=True), [100.0, 0.0])


TARGET = np.array([[1., 0., 0.], [0., 1., 0.], [0., 0., 1.]], "float32")
PROBS = np.array([[0.9, 0.1, 0.0], [0.2, 0.6, 0.6], [0.0, 0.0, 1.0]], "float32")  # row 2 sums to 1.4
LOGITS = np.array([[2., -1., 0.5], [0., 0., 0.], [10., -10., 3.]], "float32")
LABELS = np.array([0, 2, 1], "int32")


def test_categorical_crossentropy_matches_keras(backend):
    # Rows are rescaled to sum to 1 before clipping (0.6 / 1.4 -> 0.8473 nats).
    check(ops.categorical_crossentropy(TARGET, PROBS),
          [0.10536054521799088, 0.8472978472709656, 1.1920928955078125e-07], atol=1e-7)
    check(ops.categorical_crossentropy(TARGET, LOGITS, from_logits=True),
          [0.24131132662296295, 1.0986123085021973, 7.000911235809326])


def test_sparse_categorical_crossentropy_matches_keras(backend):
    check(ops.sparse_categorical_crossentropy(LABELS, PROBS),
          [0.10536054521799088, 0.8472978472709656, 16.11809539794922])
    check(ops.sparse_categorical_crossentropy(LABELS, LOGITS, from_logits=True),
          [0.24131132662296295, 1.0986123085021973, 20.000911712646484])
    check(ops.sparse_categorical_crossentropy(LABELS[:, None], LOGITS, from_logits=True),
          [0.24131132662296295, 1.0986123085021973, 20.000911712646484])
    # Labels outside [0, classes) have an all-zero one-hot row: a loss of 0.
    check(ops.sparse_categorical_crossentropy(np.array([3, -1, 1]), PROBS, from_logits=True),
          [0.0, 0.0, 1.5514447689056396])


def test_moments_and_batch_normalization_match_keras(backend):
    m = np.array([[1., 2., 3.], [4., 6., 11.]], "float32")
    mean, variance = ops.moments(m, axes=[0])
    check(mean, [2.5, 4.0, 7.0])
    check(variance, [2.25, 4.0, 16.0])
    mean, variance = ops.moments(m, axes=[0, 1], keepdims=True)
    check(mean, [[4.5]])
    check(variance, [[10.916666984558105]])
    mean, variance = ops.moments(m.astype("float16"), axes=[0])
    check(variance, [2.25, 4.0, 16.0], dtype="float16")
    check(ops.batch_normalization(m, np.array([1., 2., 3.], "float32"), np.array([0.5, 1., 2.], "float32"),
                                  axis=-1, offset=np.array([0.1, 0.2, 0.3], "float32"),
                                  scale=np.array([2., 1., 0.5], "float32")),
          [[0.09999990463256836, 0.20000004768371582, 0.30000001192092896],
           [8.57680892944336, 4.198001384735107, 3.1277201175689697]])
    # the default epsilon is 1e-3
    check(ops.batch_normalization(m, np.zeros(3, "float32"), np.zeros(3, "float32"), axis=1),
          [[31.62277603149414, 63.24555206298828, 94.86833190917969],
           [126.49110412597656, 189.73666381835938, 347.85052490234375]])


Q = np.arange(24, dtype="float32").reshape(1, 3, 4, 2) / 10
K = (np.arange(16, dtype="float32").reshape(1, 4, 2, 2) - 8) / 10
V = np.cos(np.arange(16, dtype="float32")).reshape(1, 4, 2, 2)


def test_attention_causal_grouped_matches_keras(backend):
    # 4 query heads over 2 key/value heads; the causal mask is aligned top-left (query i sees keys <= i).
    check(ops.dot_product_attention(Q, K, V, is_causal=True),
          [[[[1.0, 0.5403022766113281], [1.0, 0.5403022766113281], [-0.41614681482315063, -0.9899924993515015],
             [-0.41614681482315063, -0.9899924993515015]],
            [[-0.021859899163246155, 0.3817129135131836], [-0.06540200114250183, 0.3749553859233856],
             [0.5056573748588562, 0.17800110578536987], [0.5394138097763062, 0.22077280282974243]],
            [[-0.16016040742397308, -0.4626072943210602], [-0.17071910202503204, -0.5051941871643066],
             [-0.4099988043308258, 0.1016250029206276], [-0.44374319911003113, 0.1015200987458229]]]])


def test_attention_fully_masked_rows_match_keras(backend):
    # Every key masked: the logits are all the same large negative number, so the weights are uniform.
    check(ops.dot_product_attention(Q[:, :, :2], K, V, mask=np.zeros((3, 4), bool)),
          [[[[0.26117759943008423, 0.20507030189037323], [-0.039577700197696686, -0.247838094830513]]] * 3])


def test_attention_mask_and_scale_match_keras(backend):
    rng = np.random.default_rng(0)
    q, k, v = (rng.normal(size=(1, 3, 2, 2)).round(2).astype("float32") for _ in range(3))
    mask = np.array([[True, False, True], [False, False, False], [True, True, False]])
    check(ops.dot_product_attention(q, k, v, mask=mask, scale=0.5),
          [[[[0.3594941198825836, 0.31946003437042236], [-0.20836572349071503, -0.2036927342414856]],
            [[0.09333334118127823, 0.28333336114883423], [-0.5133333802223206, -0.2566666603088379]],
            [[0.4065190851688385, 0.1371709555387497], [-0.8432590961456299, -0.6484668850898743]]]])
    check(ops.dot_product_attention(q, k, v),
          [[[[0.05650360509753227, 0.284191370010376], [-0.5975466966629028, -0.1912931650876999]],
            [[0.2664843201637268, 0.2560238838195801], [-0.7773696184158325, -0.14391976594924927]],
            [[0.44367873668670654, 0.15199272334575653], [-0.4702269434928894, -0.32019996643066406]]]])
