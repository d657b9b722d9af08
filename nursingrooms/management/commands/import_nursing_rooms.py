from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.importing.messages import ImportFileError
from nursingrooms.importing import COLUMNS, import_rooms


class Command(BaseCommand):
    help = f"从 .csv 或 .xlsx 导入母婴室（表头：{'、'.join(COLUMNS.values())}）；按名称和区县新增或更新。"

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{file}")
        try:
            report = import_rooms(path.read_bytes(), path.name)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        for message in report.errors:
            self.stderr.write(message)
        self.stdout.write(
            f"母婴室：新增 {report.created} 个，更新 {report.updated} 个，跳过 {len(report.errors)} 行。"
        )
        if report.errors:
            raise CommandError(f"有 {len(report.errors)} 行未导入，见上面的说明。")
