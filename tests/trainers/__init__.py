"""Tests for kerasish.trainers."""
