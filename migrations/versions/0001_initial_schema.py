"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-29 00:28:05.122300
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "academic_sessions",
        sa.Column("id", sa.String(length=255), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("parent_id", sa.String(length=255), nullable=True),
        sa.Column("school_year", sa.String(length=16), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["academic_sessions.id"],
            name=op.f("fk_academic_sessions_parent_id_academic_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_academic_sessions")),
    )
    op.create_table(
        "orgs",
        sa.Column("id", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("identifier", sa.String(length=255), nullable=True),
        sa.Column("parent_id", sa.String(length=255), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("auto_approve_verified", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["parent_id"], ["orgs.id"], name=op.f("fk_orgs_parent_id_orgs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orgs")),
    )
    op.create_table(
        "resources",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("title", sa.String(length=512), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("grade_low", sa.Integer(), nullable=False),
        sa.Column("grade_high", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("licence", sa.String(length=255), nullable=True),
        sa.Column("topic_codes", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resources")),
        sa.UniqueConstraint("url", name=op.f("uq_resources_url")),
    )
    op.create_table(
        "status_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("object_type", sa.String(length=16), nullable=False),
        sa.Column("object_id", sa.String(length=255), nullable=False),
        sa.Column("from_status", sa.String(length=16), nullable=True),
        sa.Column("to_status", sa.String(length=16), nullable=False),
        sa.Column("who", sa.String(length=255), nullable=False),
        sa.Column("why", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_changes")),
    )
    with op.batch_alter_table("status_changes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_status_changes_object", ["object_type", "object_id"], unique=False
        )

    op.create_table(
        "topics",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("grade", sa.String(length=8), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("standard_code", sa.String(length=128), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_topics")),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("school_id", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["school_id"], ["orgs.id"], name=op.f("fk_api_keys_school_id_orgs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_keys_key_hash")),
    )
    op.create_table(
        "courses",
        sa.Column("id", sa.String(length=255), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("course_code", sa.String(length=255), nullable=True),
        sa.Column("org_id", sa.String(length=255), nullable=False),
        sa.Column("school_year_id", sa.String(length=255), nullable=True),
        sa.Column("grades", sa.JSON(), nullable=False),
        sa.Column("subjects", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["org_id"], ["orgs.id"], name=op.f("fk_courses_org_id_orgs")),
        sa.ForeignKeyConstraint(
            ["school_year_id"],
            ["academic_sessions.id"],
            name=op.f("fk_courses_school_year_id_academic_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_courses")),
    )
    op.create_table(
        "items",
        sa.Column("id", sa.String(length=255), nullable=False),
        sa.Column("topic_code", sa.String(length=64), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "multiple_choice",
                "numeric",
                "short_answer",
                name="itemkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("tier", sa.Integer(), nullable=False),
        sa.Column("stem", sa.Text(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=True),
        sa.Column("hint", sa.Text(), nullable=True),
        sa.Column("rubric", sa.Text(), nullable=True),
        sa.Column(
            "source",
            sa.Enum("family", "bank", "generated", name="itemsource", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("family", sa.String(length=64), nullable=True),
        sa.Column("seed", sa.Integer(), nullable=True),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "approved",
                "published",
                "rejected",
                "retired",
                name="contentstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("provenance", sa.JSON(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=True),
        sa.Column("difficulty", sa.Float(), nullable=False),
        sa.Column("answer_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("tier BETWEEN 1 AND 5", name=op.f("ck_items_tier_range")),
        sa.ForeignKeyConstraint(
            ["topic_code"], ["topics.code"], name=op.f("fk_items_topic_code_topics")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_items")),
    )
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_items_fingerprint"), ["fingerprint"], unique=False)
        batch_op.create_index(batch_op.f("ix_items_topic_code"), ["topic_code"], unique=False)

    op.create_table(
        "prerequisites",
        sa.Column("topic_code", sa.String(length=64), nullable=False),
        sa.Column("prerequisite_code", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "topic_code <> prerequisite_code", name=op.f("ck_prerequisites_not_self")
        ),
        sa.ForeignKeyConstraint(
            ["prerequisite_code"],
            ["topics.code"],
            name=op.f("fk_prerequisites_prerequisite_code_topics"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["topic_code"],
            ["topics.code"],
            name=op.f("fk_prerequisites_topic_code_topics"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("topic_code", "prerequisite_code", name=op.f("pk_prerequisites")),
    )
    op.create_table(
        "resource_topics",
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("topic_code", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["resource_id"],
            ["resources.id"],
            name=op.f("fk_resource_topics_resource_id_resources"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["topic_code"],
            ["topics.code"],
            name=op.f("fk_resource_topics_topic_code_topics"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("resource_id", "topic_code", name=op.f("pk_resource_topics")),
    )
    op.create_table(
        "students",
        sa.Column("id", sa.String(length=255), nullable=False),
        sa.Column("school_id", sa.String(length=255), nullable=True),
        sa.Column("pseudonym", sa.String(length=32), nullable=False),
        sa.Column("given_name", sa.String(length=255), nullable=False),
        sa.Column("family_name", sa.String(length=255), nullable=False),
        sa.Column("preferred_name", sa.String(length=255), nullable=True),
        sa.Column("grade", sa.String(length=8), nullable=True),
        sa.Column("reading_level", sa.Float(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("interests", sa.JSON(), nullable=False),
        sa.Column("accommodations", sa.JSON(), nullable=False),
        sa.Column("minutes_per_day", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("ability", sa.Float(), nullable=False),
        sa.Column("answer_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"], ["orgs.id"], name=op.f("fk_students_school_id_orgs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_students")),
        sa.UniqueConstraint("pseudonym", name=op.f("uq_students_pseudonym")),
    )
    with op.batch_alter_table("students", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_students_school_id"), ["school_id"], unique=False)

    op.create_table(
        "teachers",
        sa.Column("id", sa.String(length=255), nullable=False),
        sa.Column("school_id", sa.String(length=255), nullable=True),
        sa.Column("given_name", sa.String(length=255), nullable=False),
        sa.Column("family_name", sa.String(length=255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"], ["orgs.id"], name=op.f("fk_teachers_school_id_orgs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teachers")),
    )
    with op.batch_alter_table("teachers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_teachers_school_id"), ["school_id"], unique=False)

    op.create_table(
        "topic_tier_difficulty",
        sa.Column("topic_code", sa.String(length=64), nullable=False),
        sa.Column("tier", sa.Integer(), nullable=False),
        sa.Column("difficulty", sa.Float(), nullable=False),
        sa.Column("answer_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["topic_code"],
            ["topics.code"],
            name=op.f("fk_topic_tier_difficulty_topic_code_topics"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("topic_code", "tier", name=op.f("pk_topic_tier_difficulty")),
    )
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("student_id", sa.String(length=255), nullable=False),
        sa.Column("topic_code", sa.String(length=64), nullable=False),
        sa.Column("item_id", sa.String(length=255), nullable=True),
        sa.Column("item_ref", sa.String(length=512), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("applied", sa.Boolean(), nullable=False),
        sa.CheckConstraint("score >= 0 AND score <= 1", name=op.f("ck_attempts_score_range")),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"], name=op.f("fk_attempts_item_id_items")),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["students.id"],
            name=op.f("fk_attempts_student_id_students"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["topic_code"], ["topics.code"], name=op.f("fk_attempts_topic_code_topics")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attempts")),
        sa.UniqueConstraint(
            "student_id",
            "topic_code",
            "item_ref",
            "answered_at",
            name=op.f("uq_attempts_student_id_topic_code_item_ref_answered_at"),
        ),
    )
    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_attempts_student_answered", ["student_id", "answered_at"], unique=False
        )

    op.create_table(
        "classes",
        sa.Column("id", sa.String(length=255), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("school_id", sa.String(length=255), nullable=False),
        sa.Column("course_id", sa.String(length=255), nullable=True),
        sa.Column("class_code", sa.String(length=255), nullable=True),
        sa.Column("class_type", sa.String(length=32), nullable=True),
        sa.Column("grades", sa.JSON(), nullable=False),
        sa.Column("subjects", sa.JSON(), nullable=False),
        sa.Column("term_ids", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"], ["courses.id"], name=op.f("fk_classes_course_id_courses")
        ),
        sa.ForeignKeyConstraint(["school_id"], ["orgs.id"], name=op.f("fk_classes_school_id_orgs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_classes")),
    )
    with op.batch_alter_table("classes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_classes_school_id"), ["school_id"], unique=False)

    op.create_table(
        "mastery",
        sa.Column("student_id", sa.String(length=255), nullable=False),
        sa.Column("topic_code", sa.String(length=64), nullable=False),
        sa.Column("ability", sa.Float(), nullable=False),
        sa.Column("answer_count", sa.Integer(), nullable=False),
        sa.Column("correct_count", sa.Integer(), nullable=False),
        sa.Column("miss_streak", sa.Integer(), nullable=False),
        sa.Column("last_answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("review_card", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["students.id"],
            name=op.f("fk_mastery_student_id_students"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["topic_code"],
            ["topics.code"],
            name=op.f("fk_mastery_topic_code_topics"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("student_id", "topic_code", name=op.f("pk_mastery")),
    )
    op.create_table(
        "student_topic_overrides",
        sa.Column("student_id", sa.String(length=255), nullable=False),
        sa.Column("topic_code", sa.String(length=64), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("excluded", sa.Boolean(), nullable=False),
        sa.Column("forced", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["students.id"],
            name=op.f("fk_student_topic_overrides_student_id_students"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["topic_code"],
            ["topics.code"],
            name=op.f("fk_student_topic_overrides_topic_code_topics"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "student_id", "topic_code", name=op.f("pk_student_topic_overrides")
        ),
    )
    op.create_table(
        "class_teachers",
        sa.Column("id", sa.String(length=255), nullable=False),
        sa.Column("class_id", sa.String(length=255), nullable=False),
        sa.Column("teacher_id", sa.String(length=255), nullable=False),
        sa.Column("primary", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["class_id"],
            ["classes.id"],
            name=op.f("fk_class_teachers_class_id_classes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["teacher_id"],
            ["teachers.id"],
            name=op.f("fk_class_teachers_teacher_id_teachers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_class_teachers")),
        sa.UniqueConstraint(
            "class_id", "teacher_id", name=op.f("uq_class_teachers_class_id_teacher_id")
        ),
    )
    with op.batch_alter_table("class_teachers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_class_teachers_class_id"), ["class_id"], unique=False)

    op.create_table(
        "class_topic_settings",
        sa.Column("class_id", sa.String(length=255), nullable=False),
        sa.Column("topic_code", sa.String(length=64), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("excluded", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["class_id"],
            ["classes.id"],
            name=op.f("fk_class_topic_settings_class_id_classes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["topic_code"],
            ["topics.code"],
            name=op.f("fk_class_topic_settings_topic_code_topics"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("class_id", "topic_code", name=op.f("pk_class_topic_settings")),
    )
    op.create_table(
        "enrollments",
        sa.Column("id", sa.String(length=255), nullable=False),
        sa.Column("class_id", sa.String(length=255), nullable=False),
        sa.Column("student_id", sa.String(length=255), nullable=False),
        sa.Column("begin_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["class_id"],
            ["classes.id"],
            name=op.f("fk_enrollments_class_id_classes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["students.id"],
            name=op.f("fk_enrollments_student_id_students"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrollments")),
        sa.UniqueConstraint(
            "class_id", "student_id", name=op.f("uq_enrollments_class_id_student_id")
        ),
    )
    with op.batch_alter_table("enrollments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enrollments_class_id"), ["class_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_enrollments_student_id"), ["student_id"], unique=False)

    op.create_table(
        "generation_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("school_id", sa.String(length=255), nullable=True),
        sa.Column("class_id", sa.String(length=255), nullable=True),
        sa.Column("week", sa.String(length=8), nullable=True),
        sa.Column("shard", sa.String(length=16), nullable=True),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "running",
                "succeeded",
                "partial",
                "failed",
                name="runstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["class_id"], ["classes.id"], name=op.f("fk_generation_runs_class_id_classes")
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["orgs.id"], name=op.f("fk_generation_runs_school_id_orgs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_generation_runs")),
    )
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("student_id", sa.String(length=255), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "approved",
                "published",
                "rejected",
                "retired",
                name="contentstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["generation_runs.id"], name=op.f("fk_plans_run_id_generation_runs")
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["students.id"],
            name=op.f("fk_plans_student_id_students"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"], ["plans.id"], name=op.f("fk_plans_supersedes_id_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
    )
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.create_index("ix_plans_student_week", ["student_id", "week"], unique=False)

    op.create_table(
        "prompt_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("template", sa.String(length=255), nullable=False),
        sa.Column("template_hash", sa.String(length=64), nullable=False),
        sa.Column("backend", sa.String(length=64), nullable=False),
        sa.Column("model", sa.String(length=512), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=True),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("output", sa.Text(), nullable=True),
        sa.Column("prompt_tokens", sa.Integer(), nullable=True),
        sa.Column("completion_tokens", sa.Integer(), nullable=True),
        sa.Column("latency_ms", sa.Float(), nullable=True),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["generation_runs.id"],
            name=op.f("fk_prompt_log_run_id_generation_runs"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prompt_log")),
    )
    op.create_table(
        "run_locks",
        sa.Column("school_id", sa.String(length=255), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("holder", sa.String(length=255), nullable=False),
        sa.Column("acquired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["generation_runs.id"],
            name=op.f("fk_run_locks_run_id_generation_runs"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["orgs.id"], name=op.f("fk_run_locks_school_id_orgs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("school_id", name=op.f("pk_run_locks")),
    )
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("student_id", sa.String(length=255), nullable=False),
        sa.Column("item_id", sa.String(length=255), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_assignments_item_id_items"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_assignments_plan_id_plans"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["students.id"],
            name=op.f("fk_assignments_student_id_students"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignments")),
        sa.UniqueConstraint(
            "student_id", "item_id", "week", name=op.f("uq_assignments_student_id_item_id_week")
        ),
    )


def downgrade() -> None:
    op.drop_table("assignments")
    op.drop_table("run_locks")
    op.drop_table("prompt_log")
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_index("ix_plans_student_week")

    op.drop_table("plans")
    op.drop_table("generation_runs")
    with op.batch_alter_table("enrollments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrollments_student_id"))
        batch_op.drop_index(batch_op.f("ix_enrollments_class_id"))

    op.drop_table("enrollments")
    op.drop_table("class_topic_settings")
    with op.batch_alter_table("class_teachers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_class_teachers_class_id"))

    op.drop_table("class_teachers")
    op.drop_table("student_topic_overrides")
    op.drop_table("mastery")
    with op.batch_alter_table("classes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_classes_school_id"))

    op.drop_table("classes")
    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_attempts_student_answered")

    op.drop_table("attempts")
    op.drop_table("topic_tier_difficulty")
    with op.batch_alter_table("teachers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_teachers_school_id"))

    op.drop_table("teachers")
    with op.batch_alter_table("students", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_students_school_id"))

    op.drop_table("students")
    op.drop_table("resource_topics")
    op.drop_table("prerequisites")
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_items_topic_code"))
        batch_op.drop_index(batch_op.f("ix_items_fingerprint"))

    op.drop_table("items")
    op.drop_table("courses")
    op.drop_table("api_keys")
    op.drop_table("topics")
    with op.batch_alter_table("status_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_status_changes_object")

    op.drop_table("status_changes")
    op.drop_table("resources")
    op.drop_table("orgs")
    op.drop_table("academic_sessions")
