"""The pre-execution pipeline: documents parsed and measured once, limits, cost, validation, masking."""
