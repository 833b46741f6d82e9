"""The one way the QMS opens an Excel workbook.

Titles, findings and applicants' names are typed by users: a cell must never become a formula
or a link because its text starts with "=", "+", "-", "@" or "http". xlsxwriter evaluates such
strings unless told otherwise, so every export goes through `new_workbook`.
"""

import xlsxwriter

SAFE_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}


def new_workbook(output):
    """An in-memory workbook on `output` that writes every string as plain text."""
    return xlsxwriter.Workbook(output, SAFE_OPTIONS)
