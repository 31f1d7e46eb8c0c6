"""The profiles database: the only stage that touches SQLAlchemy."""
