"""The one way the QMS opens an Excel workbook.

Titles, findings and applicants' names are typed by users: a cell must never become a formula
or a link because its text starts with "=", "+", "-", "@" or "http". xlsxwriter evaluates such
strings unless told otherwise, so every export goes through `new_workbook` or `streamed_xlsx`.

Registers of a few hundred rows are built in memory (`new_workbook`). Exports of dossiers run to
a province's 100,000 rows a year: kept in memory, xlsxwriter holds every cell as an object and
the ORM caches every record read, hundreds of MiB (issue 16). `streamed_xlsx` writes them in
xlsxwriter's constant-memory mode (each row goes to a temporary file as soon as the next one
starts). Their rows are never records: `column_sql` adds the printed columns to the query of a
`_search` (record rules included) and `fetch_in_chunks` runs it once and reads it a chunk at a
time, so that memory stays flat and no query is made per row.
"""

import itertools
import os
import tempfile

import xlsxwriter

from odoo.tools import SQL

SAFE_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
# in_memory overrides constant_memory in xlsxwriter: the streamed workbook lives in a temp dir.
STREAMED_OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
# Rows read and written per chunk: large enough that the queries per chunk are few against the
# rows, small enough that one chunk's rows weigh a few MiB.
CHUNK_SIZE = 2000
# Names of the SQL cursors of `fetch_in_chunks`, unique in the process.
_CURSOR_NUMBERS = itertools.count(1)


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


def fetch_in_chunks(cr, query, chunk_size=None):
    """Yield the rows of the SQL `query` as lists of at most `chunk_size` (CHUNK_SIZE) tuples,
    in its order.

    The query runs once, as a cursor of the transaction that each chunk fetches from: the
    database sorts and filters 100,000 rows once (an OFFSET per chunk would redo it for each),
    and Python holds one chunk, never the whole result nor records in the ORM's cache. Callers
    build `query` from `Model._search(...)`, so that the record rules decide the rows, and
    flush what it reads first."""
    chunk_size = chunk_size or CHUNK_SIZE
    name = SQL.identifier(f"qms_chunks_{next(_CURSOR_NUMBERS)}")
    cr.execute(SQL("DECLARE %s NO SCROLL CURSOR FOR %s", name, query))
    while True:
        cr.execute(SQL("FETCH FORWARD %s FROM %s", chunk_size, name))
        rows = cr.fetchall()
        if rows:
            yield rows
        if len(rows) < chunk_size:
            break
    cr.execute(SQL("CLOSE %s", name))


def column_sql(model, query, field_name, tz_name=None):
    """The SQL of a column of `model` in `query` (a `_search` of it) as a workbook prints it:
    a many2one as its record's `name` in the user's language (a unit's own name, not its path),
    as Odoo's own export does whoever may read that record; a datetime as the wall-clock time
    of `tz_name`; else the stored value. A field the user may not read (its `groups`) raises
    AccessError, as `read` would."""
    field = model._fields[field_name]
    if field.type != "many2one":
        sql = model._field_to_sql(query.table, field_name, query)
        if field.type == "datetime" and tz_name:
            return SQL("(%s AT TIME ZONE 'UTC' AT TIME ZONE %s)", sql, tz_name)
        return sql
    model._check_field_access(field, "read")
    comodel = model.env[field.comodel_name]
    alias = query.left_join(query.table, field_name, comodel._table, "id", f"qms_{field_name}")
    name = "name" if "name" in comodel._fields else comodel._rec_name
    return comodel._field_to_sql(alias, name, query)
