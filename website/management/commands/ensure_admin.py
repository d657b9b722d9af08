import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Creates the admin account once, with a random password printed only that one time."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"管理员账号 {username} 已存在（密码只在创建时显示一次）。"
                f"忘记密码可运行：python manage.py changepassword {username}"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        line = "=" * 60
        self.stdout.write(
            self.style.WARNING(
                f"{line}\n管理员账号已创建（此密码只显示这一次，请妥善保存）：\n"
                f"  后台地址：http://127.0.0.1:8000/admin/\n  用户名：{username}\n  密码：{password}\n{line}"
            )
        )
