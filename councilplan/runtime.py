"""How a long-running server process treats memory once the application has loaded."""

import gc


def settle_after_startup() -> None:
    """Move the objects made while loading Django and the project (they live as long as the
    process) out of the garbage collector's sight, and collect the young generations less
    often. Without this a full collection, which a page of a few hundred rows triggers every
    few requests, walks every object of the loaded application: 100-150 ms at the 95th
    percentile of the pages measured in bench/RESULTS.md."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
