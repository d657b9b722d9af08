import random
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from directory.demo import BENCH_MARK, generate, next_number


class Command(BaseCommand):
    help = (
        "Creates N synthetic institutions (marked as demo data) in the demo city's districts, with services, "
        "classes, inspections and credit records, using bulk inserts. For benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="how many institutions to create")
        parser.add_argument(
            "--seed", type=int, default=None, help="random seed (default: a new one each run)"
        )
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, count, seed, batch_size, no_progress, **options):
        if count < 1:
            raise CommandError("数量应为正整数。")
        if count > 1_000_000:
            raise CommandError("一次最多生成 1 000 000 家机构。")
        start = next_number(BENCH_MARK)
        if start + count > 10_000_000:
            raise CommandError("合成数据的编号已用尽（最多 9 999 999 家）。")
        seed = seed if seed is not None else random.randrange(1 << 30)
        with tqdm(total=count, desc="生成托育机构", unit="家", disable=no_progress, file=sys.stderr) as bar:
            created = generate(
                count, BENCH_MARK, seed, start=start, progress=bar.update, batch_size=batch_size
            )
        self.stdout.write(
            self.style.SUCCESS(f"已生成 {created} 家合成托育机构（编号从 {start} 起，随机种子 {seed}）。")
        )
