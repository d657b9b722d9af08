"""Writes the seed-derived departments and routing table (complaints/routing_table.py)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from complaints import routing_table
from complaints.models import Department, RoutingRule


class Command(BaseCommand):
    help = "创建依据政策文件整理的处理部门和分办规则；已有规则保留管理员的修改（--reset 时按文件重写）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="按 routing_table.py 重写已有分办规则（部门人员和邮箱保留）。",
        )

    @transaction.atomic
    def handle(self, *args, reset=False, **options):
        departments = routing_table.install(Department, RoutingRule, reset=reset)
        self.stdout.write(f"处理部门 {len(departments)} 个，分办规则 {RoutingRule.objects.count()} 条。")
