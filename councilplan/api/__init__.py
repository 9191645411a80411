"""The REST API (django-ninja) under /api/v1/: published data for anyone, the rest by token."""
