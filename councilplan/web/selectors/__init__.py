"""Reads for the web pages that gather several apps' data: the public progress site (only
published plans and approved figures) and the staff dashboard (what a user may read)."""
