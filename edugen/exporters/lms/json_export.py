"""JSON: the items as a list of PracticeItem objects, for any system that reads JSON; a
package of several assessments is every item once (JSON carries no assessments). A figure
goes with its item whole: the SVG text, its alt text, the numbers it labels and its size."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO

from edugen.exporters.lms.common import Assessment, Exporter, check_items, package_items


class JsonExporter(Exporter):
    """A JSON list of items; `PracticeItem.model_validate` reads each back."""

    name = "json"
    extension = ".json"
    media_type = "application/json"

    def write_package(self, assessments: Sequence[Assessment], stream: IO[bytes]) -> None:
        for a in assessments:
            check_items(a.items)
        data = [item.model_dump(mode="json") for item in package_items(assessments)]
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        stream.write(text.encode("utf-8"))
