"""A sentiment-style text classifier: TextVectorization + Embedding(mask_zero) + Bidirectional(LSTM).

    python examples/text_lstm.py                      # JAX
    python examples/text_lstm.py --backend numpy --epochs 4

The corpus is made here: short reviews built from templates, a sentiment word ("great", "awful",
...), sometimes negated ("not", "never", "hardly", possibly with an intensifier in between: "not
very good"), surrounded by a varying number of noise words. Whether a review is positive depends on
word order (a negation flips the word after it), so a bag of words cannot solve it but the LSTM can.

TextVectorization runs on the host (strings are not arrays on JAX), so the texts are turned into
padded index sequences once, before `fit`; index 0 is padding, and `Embedding(mask_zero=True)`
makes the LSTMs skip those steps. The last line printed is "test accuracy: 0.xx".
"""
import argparse
import time

import numpy as np

import kerasish as keras
from kerasish import layers

POSITIVE = ["good", "great", "excellent", "wonderful", "enjoyable", "brilliant", "fun", "superb"]
NEGATIVE = ["bad", "awful", "boring", "terrible", "dull", "poor", "weak", "horrible"]
NEGATIONS = ["not", "never", "hardly"]
INTENSIFIERS = ["very", "really", "so", "quite"]
SUBJECTS = ["the movie", "this film", "the plot", "the acting", "the ending", "the soundtrack",
            "that show", "the script"]
VERBS = ["was", "is", "seemed", "felt"]
NOISE = ["honestly", "overall", "i think", "to be fair", "in my opinion", "yesterday",
         "with friends", "at the cinema", "for two hours", "again", "as expected", "somehow"]
MAX_LENGTH = 20


def make_review(rng):
    """One templated review and its label (1 = positive)."""
    positive = rng.random() < 0.5
    word = rng.choice(POSITIVE if positive else NEGATIVE)
    negated = rng.random() < 0.4
    middle = [str(rng.choice(INTENSIFIERS))] if rng.random() < 0.4 else []
    phrase = ([str(rng.choice(NEGATIONS))] if negated else []) + middle + [str(word)]
    words = [str(rng.choice(NOISE)) for _ in range(rng.integers(0, 3))]
    words += [str(rng.choice(SUBJECTS)), str(rng.choice(VERBS))] + phrase
    words += [str(rng.choice(NOISE)) for _ in range(rng.integers(0, 3))]
    text = " ".join(words) + rng.choice([".", "!", "..."])
    return text.capitalize(), int(positive != negated)


def make_corpus(n, seed):
    rng = np.random.default_rng(seed)
    texts, labels = zip(*(make_review(rng) for _ in range(n)))
    return np.array(texts), np.array(labels, dtype="float32")


def build_model(vocabulary_size):
    inputs = keras.Input((MAX_LENGTH,), dtype="int32")
    x = layers.Embedding(vocabulary_size, 16, mask_zero=True)(inputs)
    x = layers.Bidirectional(layers.LSTM(16))(x)
    outputs = layers.Dense(1, activation="sigmoid")(x)
    return keras.Model(inputs, outputs, name="sentiment_bilstm")


def run(backend="jax", epochs=8, train_size=2000, test_size=500, verbose=1):
    """Trains the classifier and returns its test accuracy."""
    with keras.backend.use_backend(backend):
        keras.utils.set_random_seed(0)
        train_texts, y_train = make_corpus(train_size, seed=1)
        test_texts, y_test = make_corpus(test_size, seed=2)

        vectorizer = layers.TextVectorization(output_mode="int", output_sequence_length=MAX_LENGTH)
        vectorizer.adapt(train_texts)  # learns the vocabulary (standardized: lower case, no punctuation)
        if verbose:
            print(f"example: {str(train_texts[0])!r} -> {np.asarray(vectorizer(train_texts[:1]))[0].tolist()}")
        # Index sequences on the host, once: the model itself only sees integer arrays.
        x_train = np.asarray(vectorizer(train_texts), dtype="int32")
        x_test = np.asarray(vectorizer(test_texts), dtype="int32")

        model = build_model(vectorizer.vocabulary_size())
        model.compile(optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy",
                      metrics=["accuracy"])
        start = time.perf_counter()
        model.fit(x_train, y_train, batch_size=64, epochs=epochs, verbose=verbose)
        _, accuracy = model.evaluate(x_test, y_test, batch_size=250, verbose=0)
        if verbose:
            print(f"[{backend}] trained {epochs} epochs in {time.perf_counter() - start:.1f} s")
        return float(accuracy)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["jax", "numpy"], default="jax")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--train-size", type=int, default=2000)
    parser.add_argument("--verbose", type=int, default=2)
    args = parser.parse_args()
    accuracy = run(args.backend, args.epochs, args.train_size, verbose=args.verbose)
    print(f"test accuracy: {accuracy:.3f}")


if __name__ == "__main__":
    main()
