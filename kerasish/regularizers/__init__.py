"""kerasish.regularizers (as keras.regularizers)."""
