"""Import and export of institutions as spreadsheets with Chinese headers (.xlsx and .csv).

- columns.py: the column headers (the exchange format) and the other spellings people use for them
- reading.py: files to rows: CSV encodings and dialects, xlsx sheets, the header row; a file that cannot
  be read to its end names the line
- cells.py: one cell to one value: dates, numbers, service types, fees, choices by their Chinese labels
- rows.py: one row to an institution's field values, with every problem of the row listed
- places.py: districts and streets, read once, created only for rows that pass
- saving.py: rows upserted by 统一社会信用代码 a batch at a time, the whole file in one transaction
- bulk.py: many rows written with one prepared statement (executemany)
- exporting.py: institutions back to rows in the same format, every cell spreadsheet-safe
- messages.py: what an import reports: file errors, rejected rows, rows to check, the summary

All or nothing for a file, row by row for its rows: every data row is checked on its own, and a bad row
is reported with its line number and the reasons and skipped without stopping the others; but a file
that cannot be read to its end (or a database failure) imports nothing at all, never half a file.
"""
