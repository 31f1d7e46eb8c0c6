"""JSON: the items as a list of PracticeItem objects, for any system that reads JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO

from edugen.exporters.lms.common import DEFAULT_TITLE, check_items
from edugen.schemas import PracticeItem


class JsonExporter:
    """A JSON list of items; `PracticeItem.model_validate` reads each back."""

    name = "json"
    extension = ".json"
    media_type = "application/json"

    def write(
        self, items: Sequence[PracticeItem], stream: IO[bytes], *, title: str = DEFAULT_TITLE
    ) -> None:
        check_items(items)
        data = [item.model_dump(mode="json") for item in items]
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        stream.write(text.encode("utf-8"))
