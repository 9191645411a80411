"""What the API returns and accepts, one module per concept."""
