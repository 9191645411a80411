"""Getting plans and results in: readers per document layout produce one normalised
structure (``structure.PlanDocument``), and one writer applies it in a transaction."""
