"""Load test: gunicorn with production settings and N job specialists in a closed loop.

    .venv/bin/python bench/load.py --database-url postgres://postgres@127.0.0.1:5432/load_big
        [--users 50] [--seconds 60] [--workers 4] [--port N] [--password PW] [--think-ms 0]

Meant to be run against the database the large-data generator (``bench/make_data.py``)
builds; it does not need it: any migrated database with job specialists who have active
participants will do (the demo generator's too). ``--database-url`` takes a PostgreSQL URL or
a SQLite file's path.

**It changes the database it is given**: without ``--password`` it sets a new random password
on the specialists it uses, and every loop logs a real contact. Run it only on a generated
bench database, never on one that people use.

What it does, on loopback only and bounded in time:

1. Picks ``--users`` job specialists (active users with ``is_job_specialist``) who have active
   participants, the first by id; with fewer such accounts than users, users share accounts
   (each with a session of its own).
2. Collects static files into a temporary folder and starts gunicorn on 127.0.0.1 with
   production settings (``PLACETRAIN_ENV=production``, a generated secret, ``ALLOWED_HOSTS``
   127.0.0.1; ``bench/load_settings.py`` only moves ``STATIC_ROOT``). Production redirects
   plain HTTP to HTTPS and marks cookies secure; the client does what the TLS-terminating
   proxy and the browser behind it would: it sends ``X-Forwarded-Proto: https`` (the header
   the settings trust) and an ``https://`` Origin, and returns the cookies it was given.
   Waits for ``/healthz``; stops gunicorn at the end, on an error and on Ctrl-C.
3. Each simulated specialist logs in through the login form (with its CSRF token), then all
   start together and each loops, without think time unless ``--think-ms``: Min dag, the
   participant list, one of the account's participants' pages (the overview), and the quick
   contact form parsed from that page and POSTed as HTMX does (``HX-Request: true``), with a
   note and "in 2 weeks"; the answer must say the contact is saved.
4. Prints requests/s, p50/p95/p99 per request kind and overall (the login excluded), the
   errors, whether every contact answered as saved is in the database (by its form token and
   by counting the accounts' contacts before and after), and the targets of issue 8 point 3
   (>= 50 requests/s, p99 <= 300 ms, no errors) with PASS/FAIL: printed, never asserted.

In a closed loop without think time, Little's law ties the two targets together: the mean
latency is about users / throughput, so 50 users at p99 <= 300 ms need well over 150
requests/s.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import math
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
HOST = "127.0.0.1"
KINDS = ("my-day", "participant-list", "participant-page", "contact-post")
TARGET_RPS = 50.0
TARGET_P99_MS = 300.0
CONTACT_FORM = 'id="kontaktskjema"'
LOGIN_FORM = 'name="username"'
SAVED_MARK = "pt-saved"  # the confirmation _contact_saved.html shows
NOTE = "Besøkt, alt bra (lasttest)"
NEXT_STEP_WHEN = "14"  # "In 2 weeks": the README's three taps


# --- The server ---------------------------------------------------------------------------


def database_url(value: str) -> str:
    if "://" in value:
        return value
    path = Path(value).resolve()
    if not path.exists():
        raise SystemExit(f"No SQLite database at {path}")
    return f"sqlite:///{path}"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def production_env(url: str, static_root: Path) -> dict[str, str]:
    """Production's settings as an operator gives them, whatever this shell has set."""
    env = dict(os.environ)
    for name in ("DJANGO_DEBUG", "SECURE_SSL_REDIRECT", "DJANGO_CSRF_TRUSTED_ORIGINS"):
        env.pop(name, None)
    env.update(
        PLACETRAIN_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS=HOST,
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="load_settings",
        PLACETRAIN_LOAD_STATIC_ROOT=str(static_root),
        PYTHONPATH=os.pathsep.join([str(BENCH), str(ROOT), env.get("PYTHONPATH", "")]),
    )
    return env


def collectstatic(env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v", "0"],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=300,
    )


@contextlib.contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int, log: Path):
    command = [
        *(sys.executable, "-m", "gunicorn", "placetrain.wsgi"),
        *("--bind", f"{HOST}:{port}", "--workers", str(workers), "--chdir", str(ROOT)),
        *("--timeout", "60", "--graceful-timeout", "5", "--log-level", "warning"),
        *("--error-logfile", str(log)),
    ]
    # A session of its own, so stopping it reaches its workers and nothing else.
    proc = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    try:
        wait_healthy(proc, port, log)
        yield proc
    finally:
        stop(proc)


def wait_healthy(proc: subprocess.Popen, port: int, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited ({proc.returncode}):\n{tail(log)}")
        conn = http.client.HTTPConnection(HOST, port, timeout=5)
        try:
            conn.request("GET", "/healthz", headers={"X-Forwarded-Proto": "https"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            conn.close()
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer /healthz within {timeout:.0f} s:\n{tail(log)}")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    # A second Ctrl-C must not leave gunicorn running without us.
    held = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        proc.send_signal(signal.SIGTERM)  # the master stops its workers gracefully
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
    finally:
        for sig, handler in held.items():
            signal.signal(sig, handler)


def tail(log: Path, lines: int = 20) -> str:
    if not log.exists():
        return ""
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


# --- Accounts and contacts (Django's ORM, in this process) -----------------------------------


@dataclass
class Account:
    pk: int
    username: str
    participants: list[int]


def accounts_for(users: int, password: str | None) -> tuple[list[Account], str]:
    """Up to ``users`` job specialists with active participants, each with its caseload; without
    ``password`` they get a new random one (one hash for all: a login costs the same)."""
    from django.contrib.auth.hashers import make_password

    from placetrain.accounts.models import User
    from placetrain.participants.models import Participant

    caseloads: dict[int, list[int]] = defaultdict(list)
    rows = Participant.objects.active().filter(
        specialist__is_job_specialist=True, specialist__is_active=True
    )
    for specialist_id, pk in rows.order_by("specialist_id", "pk").values_list("specialist", "pk"):
        caseloads[specialist_id].append(pk)
    chosen = sorted(caseloads)[:users]
    if not chosen:
        raise SystemExit("No job specialist with active participants in this database.")
    if password is None:
        password = secrets.token_urlsafe(16)
        User.objects.filter(pk__in=chosen).update(password=make_password(password))
    names = dict(User.objects.filter(pk__in=chosen).values_list("pk", "username"))
    return [Account(pk, names[pk], caseloads[pk]) for pk in chosen], password


def contacts_by(accounts: list[Account]) -> int:
    from placetrain.activities.models import Contact

    return Contact.objects.filter(author_id__in=[a.pk for a in accounts]).count()


def tokens_stored(tokens: list[str]) -> int:
    from placetrain.activities.models import Contact

    found = 0
    for start in range(0, len(tokens), 500):
        chunk = [uuid.UUID(t) for t in tokens[start : start + 500]]
        found += Contact.objects.filter(submission__in=chunk).count()
    return found


def database_label(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        return f"SQLite /{parts.path.lstrip('/')}"
    return f"PostgreSQL {parts.hostname}:{parts.port or 5432}{parts.path}"


# --- The simulated browser --------------------------------------------------------------------


class FormFields(HTMLParser):
    """What a browser would send for the first form in a piece of HTML: hidden and filled-in
    inputs, checked radios and checkboxes, text areas and selected options."""

    SKIPPED = {"submit", "button", "image", "reset", "file"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.action: str | None = None
        self.fields: list[tuple[str, str]] = []
        self._textarea: list[str] | None = None
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form" and self.action is None:
            self.action = a.get("action", "")
        elif tag == "input":
            self._input(a)
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]
        elif tag == "select" and a.get("name"):
            self._select, self._options = a["name"], []
        elif tag == "option" and self._select:
            self._options.append((a.get("value", ""), "selected" in a))

    def _input(self, a: dict[str, str]) -> None:
        kind = a.get("type", "text").lower()
        if not a.get("name") or kind in self.SKIPPED or "disabled" in a:
            return
        if kind in {"radio", "checkbox"}:
            if "checked" in a:
                self.fields.append((a["name"], a.get("value", "on")))
            return
        self.fields.append((a["name"], a.get("value", "")))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea[0], self._textarea[1].lstrip("\n")))
            self._textarea = None
        elif tag == "select" and self._select:
            chosen = [v for v, selected in self._options if selected] or [
                v for v, _ in self._options[:1]
            ]
            self.fields.extend((self._select, v) for v in chosen)
            self._select = None


def parse_form(html: str, marker: str) -> FormFields | None:
    """The form around ``marker`` in a page, as the browser would send it."""
    at = html.find(marker)
    start = html.rfind("<form", 0, at + 1) if at >= 0 else -1
    end = html.find("</form>", at)
    if start < 0 or end < 0:
        return None
    parser = FormFields()
    parser.feed(html[start : end + len("</form>")])
    parser.close()
    return parser


def with_values(fields: list[tuple[str, str]], **values: str) -> list[tuple[str, str]]:
    kept = [(name, value) for name, value in fields if name not in values]
    return [*kept, *values.items()]


class RequestFailed(Exception):
    pass


class Browser:
    """One specialist's browser behind the TLS proxy: keeps its cookies (secure ones included:
    the proxy speaks HTTPS to the browser) and tells the app the request came over HTTPS."""

    def __init__(self, port: int, timeout: float) -> None:
        self.origin = f"https://{HOST}:{port}"
        self.conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
        self.cookies: dict[str, str] = {}

    def close(self) -> None:
        self.conn.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        expect: int,
        form: list[tuple[str, str]] | None = None,
        referer: str = "/",
        headers: dict[str, str] | None = None,
    ) -> str:
        sent = {"X-Forwarded-Proto": "https", "User-Agent": "placetrain-load/1"}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent.update(Origin=self.origin, Referer=self.origin + referer)
        sent.update(headers or {})
        try:
            self.conn.request(method, path, body=body, headers=sent)
            response = self.conn.getresponse()
            text = response.read().decode("utf-8", errors="replace")
        except (OSError, http.client.HTTPException) as error:
            self.conn.close()
            raise RequestFailed(f"{type(error).__name__}: {error}") from error
        for header in response.msg.get_all("Set-Cookie") or []:
            self._keep(header)
        if response.status != expect:
            raise RequestFailed(f"HTTP {response.status} (expected {expect})")
        return text

    def _keep(self, header: str) -> None:
        for name, morsel in SimpleCookie(header).items():
            if morsel["max-age"] == "0" or not morsel.value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value


# --- The load ---------------------------------------------------------------------------------


@dataclass
class Results:
    lock: threading.Lock = field(default_factory=threading.Lock)
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    saved_tokens: list[str] = field(default_factory=list)
    unsure_tokens: list[str] = field(default_factory=list)
    last_done: float = 0.0

    def record(self, kind: str, started: float, error: str | None = None) -> None:
        done = time.perf_counter()
        with self.lock:
            self.times[kind].append((done - started) * 1000)
            self.last_done = max(self.last_done, done)
            if error:
                self.errors[kind].append(error)


@dataclass
class Run:
    port: int
    password: str
    seconds: float
    timeout: float
    think: float
    results: Results
    ready: threading.Barrier
    stop: threading.Event = field(default_factory=threading.Event)
    start: float = 0.0
    deadline: float = math.inf
    client_cpu: float = 0.0


class Specialist:
    """One simulated job specialist: logs in, then loops over the four requests."""

    def __init__(self, run: Run, account: Account, seed: int, urls: dict[str, str]) -> None:
        self.run, self.account, self.urls = run, account, urls
        self.random = random.Random(seed)
        self.browser = Browser(run.port, run.timeout)

    def __call__(self) -> None:
        try:
            self._login()
        except RequestFailed as error:
            self.run.results.errors["login"].append(str(error))
            self.run.ready.abort()
            return
        try:
            self.run.ready.wait()
        except threading.BrokenBarrierError:
            return
        try:
            while self._going():
                self._loop()
        finally:
            self.browser.close()

    def _going(self) -> bool:
        return not self.run.stop.is_set() and time.perf_counter() < self.run.deadline

    def _login(self) -> None:
        started = time.perf_counter()
        page = self.browser.request("GET", self.urls["login"], expect=200)
        form = parse_form(page, LOGIN_FORM)
        if form is None:
            raise RequestFailed("no login form on the login page")
        fields = with_values(
            form.fields, username=self.account.username, password=self.run.password
        )
        try:
            self.browser.request(
                "POST",
                form.action or self.urls["login"],
                expect=302,
                form=fields,
                referer=self.urls["login"],
            )
        except RequestFailed as error:
            raise RequestFailed(f"{error}: the login was refused (a wrong --password?)") from error
        self.run.results.record("login", started)

    def _loop(self) -> None:
        participant = self.random.choice(self.account.participants)
        detail = self.urls["detail"].format(pk=participant)
        self._get("my-day", self.urls["my-day"])
        self._get("participant-list", self.urls["list"])
        page = self._get("participant-page", detail)
        if page is not None and self._going():
            self._post_contact(page, detail)

    def _get(self, kind: str, path: str) -> str | None:
        if not self._going():
            return None
        self._think()
        started = time.perf_counter()
        try:
            page = self.browser.request("GET", path, expect=200)
        except RequestFailed as error:
            self.run.results.record(kind, started, str(error))
            return None
        self.run.results.record(kind, started)
        return page

    def _post_contact(self, page: str, detail: str) -> None:
        results = self.run.results
        form = parse_form(page, CONTACT_FORM)
        if form is None or not any(name.endswith("note") for name, _ in form.fields):
            results.errors["contact-post"].append("no contact form on the participant page")
            return
        prefix = next(name for name, _ in form.fields if name.endswith("note"))[: -len("note")]
        token = dict(form.fields).get(f"{prefix}submission", "")
        values = {f"{prefix}note": NOTE, f"{prefix}next_step_when": NEXT_STEP_WHEN}
        htmx = {"HX-Request": "true", "HX-Current-URL": self.browser.origin + detail}
        htmx.update({"HX-Target": "kontakt", "HX-Trigger": "kontaktskjema"})
        self._think()
        started = time.perf_counter()
        try:
            answer = self.browser.request(
                "POST",
                form.action or detail,
                expect=200,
                referer=detail,
                headers=htmx,
                form=with_values(form.fields, **values),
            )
        except RequestFailed as error:
            results.record("contact-post", started, str(error))
            results.unsure_tokens.append(token)
            return
        saved = SAVED_MARK in answer
        results.record("contact-post", started, None if saved else "the form was not accepted")
        (results.saved_tokens if saved else results.unsure_tokens).append(token)

    def _think(self) -> None:
        if self.run.think:
            self.run.stop.wait(self.random.uniform(0.5, 1.5) * self.run.think)


def drive(run: Run, specialists: list[Specialist]) -> float:
    """Logs everyone in, starts the loop for all at once, returns the login phase's seconds."""
    threads = [threading.Thread(target=s, daemon=True) for s in specialists]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    try:
        run.ready.wait(timeout=run.timeout + 60)
    except threading.BrokenBarrierError:
        run.stop.set()
        failures = sorted(set(run.results.errors["login"]))
        raise SystemExit(f"Logging in failed: {'; '.join(failures)}") from None
    logins = time.perf_counter() - began
    run.start = time.perf_counter()
    run.deadline = run.start + run.seconds
    cpu = time.process_time()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(0.5)
    except KeyboardInterrupt:
        print("\nInterrupted: stopping the users, results so far follow.", flush=True)
        run.stop.set()
        for thread in threads:
            thread.join(run.timeout)
    run.client_cpu = time.process_time() - cpu
    return logins


# --- The report -------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def report_rows(results: Results, elapsed: float) -> None:
    print(
        f"{'request':<18} {'count':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'max ms':>8} {'errors':>6}"
    )
    everything: list[float] = []
    for kind in (*KINDS, "all"):
        times = everything if kind == "all" else results.times.get(kind, [])
        if kind != "all":
            everything.extend(times)
        errors = sum(len(results.errors.get(k, [])) for k in KINDS) if kind == "all" else 0
        errors = errors or len(results.errors.get(kind, []))
        print(
            f"{kind:<18} {len(times):>6} {len(times) / elapsed:>7.1f} "
            f"{percentile(times, 50):>8.0f} {percentile(times, 95):>8.0f} "
            f"{percentile(times, 99):>8.0f} {max(times, default=math.nan):>8.0f} {errors:>6}"
        )


def report_errors(results: Results) -> None:
    for kind, messages in results.errors.items():
        counts: dict[str, int] = defaultdict(int)
        for message in messages:
            counts[message] += 1
        for message, count in sorted(counts.items(), key=lambda item: -item[1])[:5]:
            print(f"  error  {kind}: {count} x {message}")


def report_contacts(results: Results, before: int, after: int) -> bool:
    saved = len(results.saved_tokens)
    found = tokens_stored(results.saved_tokens)
    unsure = tokens_stored(results.unsure_tokens) if results.unsure_tokens else 0
    print(
        f"contacts: {saved} answered as saved, {found} of their form tokens in the database; "
        f"the accounts' contacts went {before} -> {after} (+{after - before})"
    )
    if results.unsure_tokens:
        print(f"  {len(results.unsure_tokens)} posts failed or were refused; {unsure} stored")
    return found == saved and after - before == saved + unsure


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(results: Results, elapsed: float, before: int, after: int) -> None:
    report_rows(results, elapsed)
    report_errors(results)
    every = [t for kind in KINDS for t in results.times.get(kind, [])]
    errors = sum(len(results.errors.get(kind, [])) for kind in KINDS)
    rps = len(every) / elapsed
    p99 = percentile(every, 99)
    stored = report_contacts(results, before, after)
    print("targets (issue 8, point 3; printed, not asserted):")
    for label, value, ok in (
        (f"throughput >= {TARGET_RPS:.0f} req/s", f"{rps:.1f}", rps >= TARGET_RPS),
        (f"p99 <= {TARGET_P99_MS:.0f} ms", f"{p99:.0f}", p99 <= TARGET_P99_MS),
        ("errors == 0", str(errors), errors == 0),
        ("every saved contact stored", "", stored),
    ):
        print(f"  {label:<28} {value:>8}   {verdict(ok)}")


# --- Main -------------------------------------------------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="PostgreSQL URL or SQLite path")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=0, help="default: a free loopback port")
    parser.add_argument("--password", help="the specialists' password; default: set a new one")
    parser.add_argument("--think-ms", type=float, default=0, help="mean pause before a request")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per request")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.users < 1 or args.seconds <= 0 or args.workers < 1:
        parser.error("--users, --seconds and --workers must be positive")
    return args


def setup_django(env: dict[str, str]) -> dict[str, str]:
    os.environ.update(env)
    sys.path[:0] = [str(BENCH), str(ROOT)]
    import django

    django.setup()
    from django.urls import reverse

    return {
        "login": reverse("accounts:login"),
        "my-day": reverse("activities:my-day"),
        "list": reverse("participants:participant-list"),
        "detail": reverse("participants:participant-detail", args=[0]).replace("/0/", "/{pk}/"),
    }


def interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM (a timeout, a CI job stopped) stops the run like Ctrl-C


def main() -> None:
    args = arguments()
    signal.signal(signal.SIGTERM, interrupted)
    try:
        load_test(args)
    except KeyboardInterrupt:
        sys.exit("Interrupted before the load started; gunicorn is stopped.")


def load_test(args: argparse.Namespace) -> None:
    url = database_url(args.database_url)
    with tempfile.TemporaryDirectory(prefix="placetrain-load-") as tmp:
        env = production_env(url, Path(tmp) / "static")
        urls = setup_django(env)
        from django.db import connection

        accounts, password = accounts_for(args.users, args.password)
        before = contacts_by(accounts)
        connection.close()  # nothing held open while the server writes (SQLite)
        port = args.port or free_port()
        print(
            f"placetrain load test: {args.users} users over {len(accounts)} specialist accounts, "
            f"{args.seconds:.0f} s, gunicorn {args.workers} workers on {HOST}:{port}, "
            f"{database_label(url)}, production settings "
            # Unset, production keeps connections for 60 s (settings.py).
            f"(DB_CONN_MAX_AGE={env.get('DB_CONN_MAX_AGE') or '60, the default'})",
            flush=True,
        )
        collectstatic(env)
        log = Path(tmp) / "gunicorn.log"
        run = Run(
            port=port,
            password=password,
            seconds=args.seconds,
            timeout=args.timeout,
            think=args.think_ms / 1000,
            results=Results(),
            ready=threading.Barrier(args.users + 1),
        )
        specialists = [
            Specialist(run, accounts[i % len(accounts)], args.seed + i, urls)
            for i in range(args.users)
        ]
        with gunicorn(env, port, args.workers, log):
            logins = drive(run, specialists)
        elapsed = max(run.results.last_done - run.start, 1e-9)
        login_times = run.results.times.pop("login", [])
        print(
            f"logins: {len(login_times)} in {logins:.1f} s (p50 {percentile(login_times, 50):.0f}"
            f" ms); loop: {elapsed:.1f} s, of which this client used {run.client_cpu:.1f} s CPU"
            f" ({os.cpu_count()} CPUs)"
        )
        report(run.results, elapsed, before, contacts_by(accounts))
        server_log = tail(log)
        if server_log:
            print(f"gunicorn's log (last lines):\n{server_log}")


if __name__ == "__main__":
    main()
