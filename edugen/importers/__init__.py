"""Importers: read school files into validated value objects. Pure: no database here.

Each importer module exposes `parse(paths) -> batch` that reads and validates every row
(raising InputError with file:line: field: problem). The registry that pairs each kind's
parser with the profiles function writing its batch is `edugen.workflows.imports.IMPORTERS`:
it lives where stages are wired, so this package never imports the database layer (which
imports the batch types from here).
"""
