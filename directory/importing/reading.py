"""A spreadsheet file to rows: CSV in the encodings Excel in China saves, xlsx, and the header row.

CSV files may be UTF-8, UTF-8 with a byte-order mark, or GB18030 (what Excel in China saves as "CSV").
A file that cannot be read to its end (a broken encoding, an oversized or unterminated cell, a truncated
workbook) raises ImportFileError naming the line, and the import saves nothing of it (saving.py).
"""

import csv
import io
from pathlib import Path

from directory.importing.cells import text
from directory.importing.columns import COLUMNS, REQUIRED_COLUMNS, canonical_header
from directory.importing.messages import ImportFileError

NOT_IMPORTED = "文件未导入任何一行"
BOM = b"\xef\xbb\xbf"


def _line_at(data, offset):
    return data.count(b"\n", 0, offset) + 1


def decode_csv(data):
    """Text of a CSV file saved as UTF-8 (with or without BOM) or GB18030.

    A file that starts as UTF-8 (a BOM, or Chinese text already read as UTF-8) and then breaks is not
    retried as GB18030, which would turn its good lines into nonsense: the broken line is named.
    """
    has_bom = data.startswith(BOM)
    body = data[3:] if has_bom else data
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        if has_bom or not body[: error.start].isascii():
            line = _line_at(body, error.start)
            raise ImportFileError(
                f"第 {line} 行不是 UTF-8 编码，而前面的内容是：文件可能由两种编码拼接而成或已损坏，"
                f"{NOT_IMPORTED}。请在 Excel 中打开后重新“另存为”CSV 再导入。"
            ) from error
    try:
        return body.decode("gb18030")
    except UnicodeDecodeError as error:
        line = _line_at(body, error.start)
        raise ImportFileError(
            f"第 {line} 行无法识别编码：CSV 文件应保存为 UTF-8 或 GB18030（Excel 的“CSV（逗号分隔）”格式），"
            f"{NOT_IMPORTED}。"
        ) from error


def _csv_rows(data):
    decoded = decode_csv(data)
    try:
        dialect = csv.Sniffer().sniff(decoded[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(decoded, newline=""), dialect)
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as error:
        raise ImportFileError(_csv_error_message(reader.line_num, error)) from error


def _csv_error_message(line, error):
    if "field larger than field limit" in str(error):
        limit = csv.field_size_limit()
        return (
            f"第 {line} 行无法读取：有一个单元格超过 {limit} 个字符（常见原因是某个引号没有成对），"
            f"{NOT_IMPORTED}。请修改该行后重新导入。"
        )
    return f"第 {line} 行无法读取：CSV 格式有误（{error}），{NOT_IMPORTED}。请修改该行后重新导入。"


def _xlsx_rows(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged or mislabelled file
        raise ImportFileError(
            f"无法读取 Excel 文件：请确认文件是 .xlsx 格式且没有损坏（文件可能不完整），{NOT_IMPORTED}。"
        ) from error
    number = 0
    try:
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(row)
    except Exception as error:  # a truncated or damaged sheet fails part-way, with any of many types
        raise ImportFileError(
            f"Excel 文件读到第 {number + 1} 行时出错：文件可能不完整或已损坏，{NOT_IMPORTED}。"
            "请在 Excel 中打开、重新保存后再导入。"
        ) from error
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
