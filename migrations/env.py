"""Alembic environment: the engine comes from edugen (see edugen.profiles.db.alembic_config)."""

from alembic import context

from edugen.profiles.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        from edugen.profiles.db import make_engine

        engine = make_engine(config.get_main_option("sqlalchemy.url") or None)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():
    raise SystemExit("edugen migrations run online only: use `edugen db upgrade`")
run_migrations_online()
