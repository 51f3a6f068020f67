"""kerasish.models (as keras.models)."""
from kerasish.models.model import Model
from kerasish.models.functional import Functional
from kerasish.models.sequential import Sequential
from kerasish.models.cloning import clone_model
from kerasish.saving.saving_api import load_model, save_model
