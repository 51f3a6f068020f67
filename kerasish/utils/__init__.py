"""kerasish.utils."""
