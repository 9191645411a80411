"""Imports as background jobs: the steps the worker runs, and the task that runs them.

The web pages (``councilplan.web.views.imports``) change a job through ``services``; the worker
(``councilplan db_worker``) runs each step through ``tasks.run_import_step``.
"""
