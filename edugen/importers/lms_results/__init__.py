"""Readers for the quiz reports LMSs export (Canvas, Moodle, QTI 2.1 results), into one batch."""
