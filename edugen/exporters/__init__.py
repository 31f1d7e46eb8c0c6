"""Exporters: documents people read and packages LMSs import."""
