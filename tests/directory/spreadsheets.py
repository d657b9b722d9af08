"""Import files written by the tests: one row in the exchange format, CSV files, running the command."""

import csv
import io

from django.core.management import call_command
from django.core.management.base import CommandError

from directory.credit_code import make as make_credit_code
from directory.importing.columns import COLUMNS

# Every column of the exchange format; the optional ones are left empty in most rows.
HEADER = COLUMNS
CODE_A = make_credit_code("52410611MJ1000001")
CODE_B = make_credit_code("91410603MA1000002")
CODE_C = make_credit_code("52410621MJ1000003")


def row(**overrides):
    values = {
        "机构名称": "淇滨区阳光托育中心",
        "统一社会信用代码": CODE_A,
        "备案编号": "豫鹤托备 20260001",
        "备案日期": "2026-03-01",
        "机构性质": "非营利性",
        "举办类型": "社会力量",
        "区县代码": "410611",
        "区县名称": "淇滨区",
        "街道名称": "九州路街道",
        "地址": "淇滨区朝阳路 18 号",
        "经度": "114.29",
        "纬度": "35.75",
        "坐标系": "",
        "服务类型": "全日托、临时托",
        "收托月龄": "6-36",
        "托位数": "60",
        "空余托位": "8",
        "月收费（元）": "2800",
        "是否普惠": "是",
        "联系电话": "0392-1234567",
        "开放时间": "周一至周五 7:30-18:00",
        "状态": "正常",
        "机构类型": "",
        "街道代码": "",
        "是否接受托育券": "",
    }
    values.update(overrides)
    return [values[column] for column in HEADER]


def write_csv(path, rows, encoding):
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def run_import(path):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_institutions", str(path), stdout=out, stderr=err)
    except CommandError as error:
        return False, out.getvalue(), err.getvalue() + str(error)
    return True, out.getvalue(), err.getvalue()
