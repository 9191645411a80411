"""Plain text as the importers see it: numbered lines of tab-separated cells, and cleaning
what is inside a cell (HTML fragments, bullets, run-together items)."""
