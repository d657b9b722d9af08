"""The spreadsheet's column headers: the one list import, export, tests and benchmarks use.

No Django imports here, so a benchmark can write a file in this format before Django starts.
"""

# The columns, in the order export writes them. The first block is the agreed exchange format; the
# last three are optional on import and make an export re-importable without losing anything.
COLUMNS = [
    "机构名称",
    "统一社会信用代码",
    "备案编号",
    "备案日期",
    "机构性质",
    "举办类型",
    "区县代码",
    "区县名称",
    "街道名称",
    "地址",
    "经度",
    "纬度",
    "坐标系",
    "服务类型",
    "收托月龄",
    "托位数",
    "空余托位",
    "月收费（元）",
    "是否普惠",
    "联系电话",
    "开放时间",
    "状态",
    "机构类型",
    "街道代码",
    "是否接受托育券",
]
REQUIRED_COLUMNS = ["机构名称", "统一社会信用代码", "区县代码", "地址"]
# Other spellings people put in header rows.
HEADER_ALIASES = {
    "月收费": "月收费（元）",
    "月收费(元)": "月收费（元）",
    "收费标准": "月收费（元）",
    "信用代码": "统一社会信用代码",
    "社会信用代码": "统一社会信用代码",
    "区县": "区县名称",
    "街道": "街道名称",
    "乡镇街道": "街道名称",
    "普惠": "是否普惠",
    "托育券": "是否接受托育券",
    "接受托育券": "是否接受托育券",
    "托育服务券": "是否接受托育券",
    "是否接受托育服务券": "是否接受托育券",
    "电话": "联系电话",
    "经营状态": "状态",
    "机构状态": "状态",
}


def canonical_header(cell):
    """The COLUMNS name a header cell means (full-width brackets, spaces and aliases forgiven)."""
    header = (
        ("" if cell is None else str(cell))
        .strip()
        .replace("\ufeff", "")
        .replace(" ", "")
        .replace("\u3000", "")
    )
    header = header.replace("(", "（").replace(")", "）")
    if header in COLUMNS:
        return header
    return HEADER_ALIASES.get(
        header.replace("（", "(").replace("）", ")"), HEADER_ALIASES.get(header, header)
    )
