"""The one way the QMS opens an Excel workbook.

Titles, findings and applicants' names are typed by users: a cell must never become a formula
or a link because its text starts with "=", "+", "-", "@" or "http". xlsxwriter evaluates such
strings unless told otherwise, so every export goes through `new_workbook` or `streamed_xlsx`.

Registers of a few hundred rows are built in memory (`new_workbook`). Exports of dossiers run to
a province's 100,000 rows a year: kept in memory, xlsxwriter holds every cell as an object and
the ORM caches every record read, hundreds of MiB (issue 16). `streamed_xlsx` writes them in
xlsxwriter's constant-memory mode (each row goes to a temporary file as soon as the next one
starts) and `read_in_chunks` reads the records a chunk at a time, emptying the cache between
chunks, so that memory stays flat whatever the number of rows.
"""

import os
import tempfile

import xlsxwriter

SAFE_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
# in_memory overrides constant_memory in xlsxwriter: the streamed workbook lives in a temp dir.
STREAMED_OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
# Rows read and written per chunk: large enough that the queries per chunk are few against the
# rows, small enough that one chunk's records weigh a few MiB.
CHUNK_SIZE = 2000


def new_workbook(output):
    """An in-memory workbook on `output` that writes every string as plain text."""
    return xlsxwriter.Workbook(output, SAFE_OPTIONS)


def streamed_xlsx(build):
    """The bytes of a workbook that `build(workbook)` fills in constant memory.

    Rows must be written top to bottom (xlsxwriter drops a write to a row already passed).
    Strings are written as text, never formulas or links, as with `new_workbook`."""
    with tempfile.TemporaryDirectory(prefix="qms-xlsx-") as directory:
        path = os.path.join(directory, "export.xlsx")
        workbook = xlsxwriter.Workbook(path, {**STREAMED_OPTIONS, "tmpdir": directory})
        try:
            build(workbook)
        finally:
            workbook.close()
        with open(path, "rb") as stream:
            return stream.read()


def read_in_chunks(records, field_names, chunk_size=CHUNK_SIZE):
    """Yield lists of `read(field_names, load=None)` dicts for `records`, in their order.

    One `read` per chunk (relations come back as ids: callers fetch the names they print once
    per chunk), and the environment's cache emptied after each chunk, so that reading 100,000
    rows holds one chunk's records at a time. Pending writes are flushed before the cache goes."""
    ids = records.ids
    for start in range(0, len(ids), chunk_size):
        yield records.browse(ids[start : start + chunk_size]).read(field_names, load=None)
        records.env.invalidate_all()


def names_of(env, model, ids):
    """{id: name} of the records of `model` among `ids`, in one query per chunk of ids."""
    records = env[model].browse({record_id for record_id in ids if record_id})
    if not records:
        return {}
    field = "name" if "name" in records._fields else "display_name"
    return {values["id"]: values[field] for values in records.read([field])}
