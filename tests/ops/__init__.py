"""Tests of request ids, logs, metrics, tracing and the serve command."""
