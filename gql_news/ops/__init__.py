"""Running the app in production: request ids, access logs, metrics, tracing, worker processes."""
