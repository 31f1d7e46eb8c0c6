"""IMS QTI 2.1 results reporting: an assessmentResult per candidate, an itemResult per item.

Read by local name, so the QTI 2.1 namespace (where 2.1 keeps assessmentResult) and the
2.2 results namespace both work. The candidate is context/@sourcedId (the roster's
sourcedId). An itemResult's identifier is the item's identifier in the test, which
edugen's QTI export made from its item id; its SCORE outcome over MAXSCORE (1 when
absent) is the score; the RESPONSE variable's candidateResponse values are what the
student answered; @datestamp is when. Sessions not `final` are not counted.
"""

from __future__ import annotations

from lxml import etree

from edugen.importers.common import InputProblems, parse_timestamp
from edugen.importers.lms_results.batch import (
    TIMESTAMP_HINT,
    ResultsBatch,
    check_id,
    check_response,
    parse_number,
)

FINAL = "final"


def _local(node: etree._Element) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def _children(node: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in node if _local(child) == name]


def _values(variable: etree._Element | None, holder: str) -> list[str]:
    if variable is None:
        return []
    holders = _children(variable, holder) if holder else [variable]
    return [(v.text or "").strip() for h in holders for v in _children(h, "value")]


def _variable(item: etree._Element, kind: str, identifier: str) -> etree._Element | None:
    for node in _children(item, kind):
        if node.get("identifier") == identifier:
            return node
    return None


def parse(text: str, name: str, problems: InputProblems) -> ResultsBatch:
    batch = ResultsBatch(name, "qti", {"student_id": "context/@sourcedId"})
    # No entities, no network, no DTDs: an uploaded XML file cannot reach anything.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        problems.add(name, exc.lineno or None, None, f"not valid XML: {exc.msg}")
        return batch
    results = [root] if _local(root) == "assessmentResult" else []
    results += [n for n in root.iterdescendants() if _local(n) == "assessmentResult"]
    if not results:
        problems.add(name, root.sourceline, None, "expected an assessmentResult (QTI results)")
        return batch
    for result in results:
        line = result.sourceline or 1
        contexts = _children(result, "context")
        raw = contexts[0].get("sourcedId", "") if contexts else ""
        student, error = check_id(raw)
        where = "context/@sourcedId"
        if not student or error:
            problems.add(name, line, where, error or "is required: the candidate's sourcedId")
            continue
        tests = _children(result, "testResult")
        test_time = tests[0].get("datestamp", "") if tests else ""
        for number, item in enumerate(_children(result, "itemResult"), start=1):
            _read_item(batch, problems, item, number, student, test_time)
    return batch


def _read_item(
    batch: ResultsBatch,
    problems: InputProblems,
    item: etree._Element,
    number: int,
    student: str,
    test_time: str,
) -> None:
    name, line = batch.file, item.sourceline or 1
    ref = (item.get("identifier") or "").strip()
    where = f"itemResult[{ref or number}]"
    if not ref:
        problems.add(name, line, f"itemResult[{number}]/@identifier", "is required")
        return
    if (item.get("sessionStatus") or FINAL) != FINAL:
        batch.unfinished += 1
        return
    raw_time = item.get("datestamp") or test_time
    try:
        when = parse_timestamp(raw_time)
    except (ValueError, OverflowError):
        message = f"{raw_time!r} {TIMESTAMP_HINT}" if raw_time else "is required"
        problems.add(name, line, f"{where}/@datestamp", message)
        return
    scores = _values(_variable(item, "outcomeVariable", "SCORE"), "")
    if not scores:
        problems.add(name, line, f"{where}/outcomeVariable[SCORE]", "is required: the score")
        return
    score = parse_number(scores[0])
    maxima = _values(_variable(item, "outcomeVariable", "MAXSCORE"), "")
    most = parse_number(maxima[0]) if maxima else 1.0
    if most is None or most <= 0:
        problems.add(name, line, f"{where}/outcomeVariable[MAXSCORE]", "must be a number > 0")
        return
    if score is None or not 0 <= score <= most:
        problems.add(
            name, line, f"{where}/outcomeVariable[SCORE]", f"{scores[0]!r} is not in 0..{most:g}"
        )
        return
    given = _values(_variable(item, "responseVariable", "RESPONSE"), "candidateResponse")
    response, error = check_response(", ".join(given))
    if error:
        problems.add(name, line, f"{where}/responseVariable[RESPONSE]", error)
        return
    batch.add_answer(
        line=line,
        student=student,
        alt_student="",
        ref=ref,
        question="",
        column=where,
        score=score / most,
        when=when,
        response=response,
    )
