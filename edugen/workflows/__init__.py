"""Workflows: one module per job, each wiring the stages for it; the CLI and the API call these.

imports (school files in), demo (the demo school), planning (students, class, school),
generate (a week's content, its parts under parts/), export (files out, pure), files (the
only writer of files), weekly (the scheduled run) with lock (its run lock), backend
(choosing one). Review has its own layer, edugen/review/.
"""
