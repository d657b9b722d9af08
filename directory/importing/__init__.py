"""Import and export of institutions as spreadsheets with Chinese headers (.xlsx and .csv).

- columns.py: the column headers (the exchange format) and the other spellings people use for them
- reading.py: files to rows: CSV encodings and dialects, xlsx sheets, the header row
- cells.py: one cell to one value: dates, numbers, service types, fees, choices by their Chinese labels
- rows.py: one row to an institution's field values, with every problem of the row listed
- saving.py: rows upserted by 统一社会信用代码, in chunks, a bad row rolled back alone
- exporting.py: institutions back to rows in the same format, every cell spreadsheet-safe
- messages.py: what an import reports: file errors, rejected rows, the summary

Every data row is checked and saved on its own: a bad row is reported with its line number and the
reasons, and never stops or undoes the others.
"""
