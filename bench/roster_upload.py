"""Benchmark: peak memory of `edugen import oneroster --dry-run` on a roster zip (goal: a lying
zip bomb is refused under 300 MB; an honest roster costs memory per row, not per byte).

Writes the zip, then runs the import in a fresh process over a throwaway database and reads
that process's peak resident memory (os.wait4, ru_maxrss). Prints one JSON line.

    .venv/bin/python bench/roster_upload.py --bomb 1500    # users.csv says 2 KB, inflates 1.5 GB
    .venv/bin/python bench/roster_upload.py --students 60000   # an honest roster zip (~2 MB)
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import throwaway_home  # noqa: E402

EDUGEN = Path(sys.executable).parent / "edugen"
MANIFEST = (
    "propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\nfile.orgs,bulk\n"
    "file.academicSessions,bulk\nfile.courses,bulk\nfile.classes,bulk\nfile.users,bulk\n"
    "file.roles,bulk\nfile.enrollments,bulk\n"
)
ORGS = "sourcedId,name,type,parentSourcedId\nsch1,Springfield Middle,school,\n"
SESSIONS = "sourcedId,title,type,startDate,endDate\nt1,Fall,term,2024-08-15,2024-12-20\n"
COURSES = "sourcedId,title,orgSourcedId\nc1,Math,sch1\n"
USERS_HEADER = (
    "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
    "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,"
    "password,primaryOrgSourcedId,preferredGivenName\n"
)


def honest_zip(path: Path, students: int) -> Path:
    """A OneRoster 1.2 bundle: one school, a class per 25 students, each student enrolled."""
    classes = max(1, students // 25)
    files = {
        "manifest.csv": MANIFEST,
        "orgs.csv": ORGS,
        "academicSessions.csv": SESSIONS,
        "courses.csv": COURSES,
        "classes.csv": "sourcedId,title,courseSourcedId,schoolSourcedId,termSourcedIds\n"
        + "".join(f"cl{c},Math {c},c1,sch1,t1\n" for c in range(classes)),
    }
    users, roles, enrollments = io.StringIO(), io.StringIO(), io.StringIO()
    users.write(USERS_HEADER)
    roles.write("sourcedId,userSourcedId,roleType,role,orgSourcedId\n")
    enrollments.write("sourcedId,classSourcedId,schoolSourcedId,userSourcedId,role\n")
    user_rows = csv.writer(users, lineterminator="\n")
    for n in range(students):
        sid = f"stu-{n:07d}"
        user_rows.writerow(
            [sid, "active", "2024-09-01T12:00:00Z", "true", "", "", f"user{n}", "", f"Given{n}",
             f"Family{n}", "", f"ID{n}", f"s{n}@example.org", "", "", "", "06", "", "sch1", ""]
        )  # fmt: skip
        roles.write(f"r-{sid},{sid},primary,student,sch1\n")
        enrollments.write(f"e-{sid},cl{n % classes},sch1,{sid},student\n")
    files |= {
        "users.csv": users.getvalue(),
        "roles.csv": roles.getvalue(),
        "enrollments.csv": enrollments.getvalue(),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


def lying_zip(path: Path, inflated_mb: int, declared: int = 2048) -> Path:
    """A bundle whose users.csv inflates to `inflated_mb` MB but says it is `declared` bytes.

    Written by hand, a piece at a time (the payload is never in memory), then the sizes in
    both headers are overwritten with the lie.
    """
    small = {
        "manifest.csv": MANIFEST,
        "orgs.csv": ORGS,
        "academicSessions.csv": SESSIONS,
        "courses.csv": COURSES,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in small.items():
            archive.writestr(name, text)
        with archive.open("users.csv", "w", force_zip64=False) as member:
            member.write(USERS_HEADER.encode())
            row = b"stu-1,active,,true,,,,,A,B,,,,,,,06,,sch1,\n" * 16384
            for _ in range(inflated_mb * 1024 * 1024 // len(row)):
                member.write(row)
    data = bytearray(path.read_bytes())
    # Central directory entry (PK\1\2): uncompressed size at +24; local header (PK\3\4): +22.
    central = data.find(b"PK\x01\x02")
    name = b"users.csv"
    while central >= 0:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46 : central + 46 + name_len]) == name:
            struct.pack_into("<I", data, central + 24, declared)
            local = struct.unpack_from("<I", data, central + 42)[0]
            struct.pack_into("<I", data, local + 22, declared)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    return path


def measure(path: Path, db_url: str) -> dict[str, object]:
    """Run the import in a fresh process; its exit code, output tail and peak memory."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(EDUGEN), "--db", db_url, "import", "oneroster", str(path), "--dry-run"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert proc.stdout is not None
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "zip_bytes": path.stat().st_size,
        "exit": proc.returncode,
        "seconds": round(time.perf_counter() - started, 1),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),  # Linux reports KiB
        "output": output.decode(errors="replace")[-600:],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--bomb", type=int, metavar="MB", help="inflated size of the lie")
    group.add_argument("--students", type=int, help="rows of an honest roster")
    parser.add_argument("--db", help="database URL (default: a throwaway SQLite file)")
    args = parser.parse_args()
    with throwaway_home() as work:
        work.mkdir(exist_ok=True)
        db_url = args.db or f"sqlite:///{work / 'edugen.db'}"
        if args.bomb:
            path = lying_zip(work / "bomb.zip", args.bomb)
        else:
            path = honest_zip(work / "roster.zip", args.students)
        print(json.dumps(measure(path, db_url)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
