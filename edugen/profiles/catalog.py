"""The resource catalog: resources keyed by URL, their topic index kept in step, and reads."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from edugen.importers.common import InputProblems
from edugen.importers.resources import ResourceBatch
from edugen.profiles.models import Resource, ResourceTopic, Topic
from edugen.schemas import ImportSummary, ResourceInfo

CHUNK = 500


def apply(*, session: Session, batch: ResourceBatch) -> ImportSummary:
    """Insert new resources, update changed ones (matched by URL), and index them by topic."""
    summary = ImportSummary(kind="resources")
    counts = summary.entity("resources")
    known = set(session.scalars(select(Topic.code)))
    problems = InputProblems()
    for record in batch.resources:
        for code in record.topics:
            if code not in known:
                problems.add(record.file, record.line, "topics", f"unknown topic {code!r}")
    problems.raise_if_any()

    existing: dict[str, Resource] = {}
    urls = [r.url for r in batch.resources]
    for start in range(0, len(urls), CHUNK):
        stmt = select(Resource).where(Resource.url.in_(urls[start : start + CHUNK]))
        existing.update((r.url, r) for r in session.scalars(stmt))

    saved: list[tuple[Resource, tuple[str, ...]]] = []
    for record in batch.resources:
        values: dict[str, Any] = {
            "url": record.url,
            "title": record.title,
            "type": record.type,
            "description": record.description,
            "grade_low": record.grade_low,
            "grade_high": record.grade_high,
            "language": record.language,
            "licence": record.licence,
            "topic_codes": list(record.topics),
            "minutes": record.minutes,
            "granularity": record.granularity,
        }
        resource = existing.get(record.url)
        if resource is None:
            resource = Resource(**values)
            session.add(resource)
            counts.created += 1
        else:
            changed = False
            for column, value in values.items():
                if getattr(resource, column) != value:
                    setattr(resource, column, value)
                    changed = True
            if changed:
                counts.updated += 1
            else:
                counts.unchanged += 1
        saved.append((resource, record.topics))
    session.flush()  # assigns ids to new resources

    ids = [resource.id for resource, _ in saved]
    linked: dict[int, set[str]] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        for link in session.scalars(
            select(ResourceTopic).where(ResourceTopic.resource_id.in_(chunk))
        ):
            linked.setdefault(link.resource_id, set()).add(link.topic_code)
    for resource, topics in saved:
        have = linked.get(resource.id, set())
        stale = have - set(topics)
        if stale:
            session.execute(
                delete(ResourceTopic).where(
                    ResourceTopic.resource_id == resource.id, ResourceTopic.topic_code.in_(stale)
                )
            )
        session.add_all(
            ResourceTopic(resource_id=resource.id, topic_code=code)
            for code in topics
            if code not in have
        )
    session.flush()
    return summary


def resources_for_topics(*, session: Session, topic_codes: Collection[str]) -> list[ResourceInfo]:
    """Every resource indexed under any of the topics, by id; `topics` lists all of its topics."""
    codes = sorted(set(topic_codes))
    found: dict[int, Resource] = {}
    for start in range(0, len(codes), CHUNK):
        linked = (
            select(ResourceTopic.resource_id)
            .where(ResourceTopic.topic_code.in_(codes[start : start + CHUNK]))
            .distinct()
        )
        found.update(
            (r.id, r) for r in session.scalars(select(Resource).where(Resource.id.in_(linked)))
        )
    return [
        ResourceInfo(
            id=r.id,
            title=r.title,
            url=r.url,
            type=r.type,
            description=r.description,
            grade_low=r.grade_low,
            grade_high=r.grade_high,
            language=r.language,
            licence=r.licence,
            topics=list(r.topic_codes),
            minutes=r.minutes,
            granularity=r.granularity,
        )
        for _, r in sorted(found.items())
    ]
