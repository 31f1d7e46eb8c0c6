"""A third-party QTI reader opens edugen's QTI 2.1 package, figures included.

The reader is Citolab's qti-convert (citolab-qti-convert on PyPI, GPL-3.0, a test tool only,
run as its own command): it reads a QTI 2.x content package (manifest, tests, items and
their files) and writes it as QTI 3.0. If it reads every item with its key, and every
figure's file is still where its item points, a QTI 2.1 player reading the same package
finds the same.
"""

from __future__ import annotations

import io
import posixpath
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from edugen.exporters.lms import safe_id
from tests.test_lms_exports import ITEMS, written

QTI3 = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"


def _reader() -> str:
    found = shutil.which("qti-convert", path=str(Path(sys.executable).parent))
    assert found, "qti-convert is a test dependency: scripts/setup.sh installs it"
    return found


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    folder = tmp_path_factory.mktemp("qti")
    source, target = folder / "week-qti21.zip", folder / "week-qti3.zip"
    source.write_bytes(written("qti21"))
    done = subprocess.run(
        [_reader(), "upgrade", str(source), str(target)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return zipfile.ZipFile(io.BytesIO(target.read_bytes()))


def test_the_reader_finds_every_item_with_its_key(upgraded: zipfile.ZipFile) -> None:
    by_id = {safe_id(item.id): item for item in ITEMS}
    read = {}
    for name in upgraded.namelist():
        if not name.endswith(".xml") or name == "imsmanifest.xml":
            continue
        root = etree.fromstring(upgraded.read(name))
        if _local(root) == "qti-assessment-item":
            read[root.get("identifier")] = root
    assert set(read) == set(by_id)
    for identifier, root in read.items():
        item = by_id[identifier]
        assert root.nsmap[None] == QTI3
        if item.kind != "multiple_choice":
            continue
        key = root.findtext(f"{{{QTI3}}}qti-response-declaration/{{{QTI3}}}qti-correct-response/"
                            f"{{{QTI3}}}qti-value")  # fmt: skip
        choices = {
            c.get("identifier"): " ".join("".join(c.itertext()).split())
            for c in root.iter(f"{{{QTI3}}}qti-simple-choice")
        }
        assert len(choices) == len(item.options)
        assert key in choices


def test_every_figure_the_reader_finds_is_a_file_of_the_package(
    upgraded: zipfile.ZipFile,
) -> None:
    names = set(upgraded.namelist())
    shown = 0
    for name in names:
        if not name.endswith(".xml") or name == "imsmanifest.xml":
            continue
        root = etree.fromstring(upgraded.read(name))
        for element in root.iter(f"{{{QTI3}}}img", "{http://www.w3.org/1999/xhtml}img", "img"):
            src = element.get("src")
            assert src and posixpath.normpath(posixpath.join(posixpath.dirname(name), src)) in (
                names
            ), (name, src)
            assert element.get("alt")
            shown += 1
    drawn = [item for item in ITEMS if item.figure is not None]
    assert drawn and shown == len(drawn)
