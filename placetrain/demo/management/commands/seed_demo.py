from django.core.management.base import BaseCommand, CommandError

from placetrain.accounts.models import Organisation, User
from placetrain.demo.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Generate demo data (never real people). Deterministic for a given --seed."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--participants", type=int, default=60)
        parser.add_argument("--employers", type=int, default=40)
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the database has data."
        )

    def handle(self, *args, **options) -> None:
        if Organisation.objects.exists():
            if options["if_empty"]:
                self.stdout.write("Demo data exists already; nothing generated.")
                self._print_logins()
                return
            raise CommandError("The database is not empty; demo data goes in an empty database.")
        result = seed_demo(
            seed=options["seed"],
            participants=options["participants"],
            employers=options["employers"],
        )
        self.stdout.write(
            f"Generated {result.participants} participants, {result.employers} employers, "
            f"{result.contacts} contacts."
        )
        self._print_logins()

    def _print_logins(self) -> None:
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for user in User.objects.order_by("pk"):
            roles = ", ".join(user.role_labels)
            team = user.team.name if user.team else "–"
            self.stdout.write(f"  {user.username:<14} {roles:<30} {team}")
        self.stdout.write("\nOpen http://127.0.0.1:8000/\n")
