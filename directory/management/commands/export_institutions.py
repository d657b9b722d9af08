import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.importing.exporting import write_csv, write_xlsx
from directory.models import Institution


class Command(BaseCommand):
    help = (
        "Exports every institution to a .xlsx or .csv file with the same Chinese columns that "
        "import_institutions reads. CSV is written as UTF-8 with BOM (opens in Excel) unless --encoding says "
        "otherwise."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write: a path ending in .xlsx or .csv")
        parser.add_argument(
            "--encoding", default="utf-8-sig", choices=["utf-8-sig", "utf-8", "gb18030"], help="CSV encoding"
        )

    def handle(self, *args, file, encoding, **options):
        path = Path(file)
        suffix = path.suffix.lower()
        if suffix not in {".csv", ".xlsx"}:
            raise CommandError("导出文件名须以 .csv 或 .xlsx 结尾。")
        # Written beside the target and renamed into place, so a failure never leaves a half-written file.
        handle, partial = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as stream:
                if suffix == ".csv":
                    write_csv(stream, encoding=encoding)
                else:
                    write_xlsx(stream)
            os.replace(partial, path)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
        self.stdout.write(self.style.SUCCESS(f"已导出 {Institution.objects.count()} 家机构到 {path}。"))
