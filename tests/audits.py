"""The audit modules of the later item families, one per family module: each has SOLVERS,
and may have RIGHT and DRAWN (see tests/audit_grade7_number.py for what each means)."""

from __future__ import annotations

from tests import (
    audit_grade3_measure,
    audit_grade3_number,
    audit_grade4_measure,
    audit_grade4_number,
    audit_grade5_measure,
    audit_grade5_number,
    audit_grade6_more,
    audit_grade7,
    audit_grade7_expressions,
    audit_grade7_geometry,
    audit_grade7_number,
    audit_grade7_statistics,
    audit_grade8,
    audit_grade8_functions,
    audit_grade8_geometry,
    audit_grade8_number,
    audit_grade8_statistics,
)

AUDITS = (
    audit_grade3_number,
    audit_grade3_measure,
    audit_grade4_number,
    audit_grade4_measure,
    audit_grade5_number,
    audit_grade5_measure,
    audit_grade6_more,
    audit_grade7,
    audit_grade7_number,
    audit_grade7_expressions,
    audit_grade7_geometry,
    audit_grade7_statistics,
    audit_grade8,
    audit_grade8_number,
    audit_grade8_functions,
    audit_grade8_geometry,
    audit_grade8_statistics,
)
