"""Settings modules: base (shared), dev (the default), test and production (environment-driven)."""
