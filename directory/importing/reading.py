"""A spreadsheet file to rows: CSV in the encodings Excel in China saves, xlsx, and the header row.

CSV files may be UTF-8, UTF-8 with a byte-order mark, or GB18030 (what Excel in China saves as "CSV").
"""

import csv
import io
from pathlib import Path

from directory.importing.cells import text
from directory.importing.columns import COLUMNS, REQUIRED_COLUMNS, canonical_header
from directory.importing.messages import ImportFileError


def decode_csv(data):
    """Text of a CSV file saved as UTF-8 (with or without BOM) or GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            "无法识别文件编码：CSV 文件应保存为 UTF-8 或 GB18030（Excel 的“CSV（逗号分隔）”格式）。"
        ) from error


def _csv_rows(data):
    decoded = decode_csv(data)
    try:
        dialect = csv.Sniffer().sniff(decoded[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(decoded, newline=""), dialect)
    for row in reader:
        yield reader.line_num, row


def _xlsx_rows(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged or mislabelled file
        raise ImportFileError("无法读取 Excel 文件：请确认文件是 .xlsx 格式且没有损坏。") from error
    try:
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(row)
    finally:
        workbook.close()


def count_rows(data, filename):
    """Rough number of data rows, for the progress bar."""
    if Path(filename).suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True)
            rows = workbook.worksheets[0].max_row or 0
            workbook.close()
        except Exception:
            return None
        return max(rows - 1, 0)
    return max(data.count(b"\n") - 1, 0)


def read_table(data, filename):
    """(line number, {column: value}) for every data row.

    The first item is (None, [unknown column names]); the header row's problems raise ImportFileError.
    """
    suffix = Path(filename).suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(data)
    elif suffix == ".xlsx":
        rows = _xlsx_rows(data)
    elif suffix == ".xls":
        raise ImportFileError("不支持旧版 .xls 文件：请在 Excel 中“另存为”.xlsx 或 CSV 后再导入。")
    else:
        raise ImportFileError(f"不支持的文件类型“{suffix or filename}”：请上传 .xlsx 或 .csv 文件。")
    header = None
    for line, row in rows:
        if not any(text(cell) for cell in row):
            continue
        if header is None:
            header = [canonical_header(cell) for cell in row]
            missing = [column for column in REQUIRED_COLUMNS if column not in header]
            if missing:
                raise ImportFileError(
                    f"第 {line} 行表头缺少必需的列：{'、'.join(missing)}。"
                    f"请使用导出文件或模板中的表头（{'、'.join(COLUMNS[:6])} 等）。"
                )
            yield None, [h for h in header if h and h not in COLUMNS]
            continue
        values = {}
        for column, cell in zip(header, row, strict=False):
            if column and column not in values:
                values[column] = cell
        yield line, values
    if header is None:
        raise ImportFileError("文件是空的：没有找到表头行。")
