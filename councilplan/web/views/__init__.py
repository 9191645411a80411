"""Pages: the public front page, sign-in, and the staff area where the quarter is reported."""
