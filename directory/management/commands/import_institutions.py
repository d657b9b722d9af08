import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from directory.importing.messages import ImportFileError
from directory.importing.reading import count_rows
from directory.importing.saving import import_file

PROGRESS_FROM_ROWS = 200


class Command(BaseCommand):
    help = (
        "Imports institutions from a .xlsx or .csv file (UTF-8, UTF-8 with BOM or GB18030) with Chinese "
        "headers, upserting by 统一社会信用代码. Bad rows are reported with their line number and skipped; "
        "the command exits non-zero when any row was rejected."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .xlsx or .csv file to import")
        parser.add_argument("--no-progress", action="store_true", help="never show a progress bar")

    def handle(self, *args, file, no_progress, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        data = path.read_bytes()
        # Counting reads the whole file once more: only for the bar.
        total = None if no_progress else count_rows(data, path.name)
        show = not no_progress and (total or 0) >= PROGRESS_FROM_ROWS
        with tqdm(total=total, desc="导入托育机构", unit="行", disable=not show, file=sys.stderr) as bar:
            try:
                result = import_file(data, path.name, progress=bar.update)
            except ImportFileError as error:
                raise CommandError(str(error)) from error
        if result.unknown_columns:
            self.stdout.write(
                self.style.WARNING(f"以下列未识别，已忽略：{'、'.join(result.unknown_columns)}")
            )
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(f"请核对 {warning}"))
        for rejected in result.rejected:
            self.stderr.write(f"拒绝 {rejected}")
        self.stdout.write(result.summary())
        if result.rejected:
            raise CommandError(f"{len(result.rejected)} 行未导入，请按上面的原因修改后重新导入这些行。")
        self.stdout.write(self.style.SUCCESS("全部导入成功。"))
