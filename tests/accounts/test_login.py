"""Logging in and out through the real views, throttling by django-axes, the idle timeout and
the interface language."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone, translation

from placetrain.accounts.middleware import SessionRenewalMiddleware
from tests.factories import UserFactory
from tests.html import parse

PASSWORD = "pw-for-tests-1"
LOGIN_URL = reverse("accounts:login")
MY_DAY_URL = reverse("activities:my-day")


@pytest.fixture(autouse=True)
def default_language_afterwards():
    # A response leaves its language active in this thread; the English tests must not make
    # later tests on the same worker run in English.
    yield
    translation.deactivate()


@pytest.fixture
def specialist(db):
    return UserFactory(username="kari", is_job_specialist=True)


def login(client, username: str, password: str, **extra):
    return client.post(LOGIN_URL, {"username": username, "password": password, **extra})


def html_lang(response) -> str:
    return parse(response).one("html[lang]")["lang"]


def assert_redirects_to_login(response, next_url: str) -> None:
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={next_url}"


def logged_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


# --- logging in and out -------------------------------------------------------------------


def test_the_login_page_shows_a_form_for_user_name_and_password(client, db):
    response = client.get(LOGIN_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="username"' in content
    assert 'name="password"' in content
    assert 'type="password"' in content


def test_it_logs_a_user_in_with_the_right_password_and_opens_my_day(client, specialist):
    response = login(client, "kari", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == MY_DAY_URL
    assert logged_in_user_id(client) == str(specialist.pk)
    assert client.get(MY_DAY_URL).status_code == 200


def test_it_follows_a_safe_next_url_after_logging_in(client, specialist):
    target = reverse("participants:participant-list")

    response = login(client, "kari", PASSWORD, next=target)

    assert response["Location"] == target


def test_it_ignores_a_next_url_pointing_at_another_site(client, specialist):
    response = login(client, "kari", PASSWORD, next="https://evil.example/phish")

    assert response.status_code == 302
    assert response["Location"] == MY_DAY_URL


def test_it_refuses_a_wrong_password_and_keeps_the_user_name(client, specialist):
    response = login(client, "kari", "not-the-password")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert 'value="kari"' in response.content.decode()
    # (Checked before ``client.session``, which would create an empty session of its own.)
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()
    assert logged_in_user_id(client) is None


def test_it_refuses_an_inactive_user(client, db):
    UserFactory(username="sluttet", is_active=False)

    response = login(client, "sluttet", PASSWORD)

    assert response.status_code == 200
    assert logged_in_user_id(client) is None


def test_a_logged_in_user_who_opens_the_login_page_goes_to_my_day(client, specialist):
    client.force_login(specialist)

    response = client.get(LOGIN_URL)

    assert response.status_code == 302
    assert response["Location"] == MY_DAY_URL


def test_logging_out_ends_the_session(client, specialist):
    login(client, "kari", PASSWORD)
    session_key = client.session.session_key
    assert Session.objects.filter(pk=session_key).exists()

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert response["Location"] == LOGIN_URL
    assert not Session.objects.filter(pk=session_key).exists()
    assert logged_in_user_id(client) is None
    assert_redirects_to_login(client.get(MY_DAY_URL), MY_DAY_URL)


def test_logging_out_needs_a_post(client, specialist):
    client.force_login(specialist)

    response = client.get(reverse("accounts:logout"))

    assert response.status_code == 405
    assert logged_in_user_id(client) == str(specialist.pk)


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, db):
    # One check is enough here: the permission matrix walks every URL for every persona.
    url = reverse("participants:participant-list")

    assert_redirects_to_login(client.get(url), url)


# --- throttling (django-axes) -----------------------------------------------------------------


def test_too_many_failed_attempts_lock_the_user_name_even_for_the_right_password(
    client, specialist
):
    limit = settings.AXES_FAILURE_LIMIT
    assert limit >= 2

    for _ in range(limit - 1):
        response = login(client, "kari", "wrong-password")
        assert response.status_code == 200  # an ordinary "wrong password" answer
    # The attempt that reaches the limit is already answered with the lock-out page.
    assert login(client, "kari", "wrong-password").status_code == 429

    response = login(client, "kari", PASSWORD)

    assert response.status_code == 429  # axes' default AXES_HTTP_RESPONSE_CODE
    assert settings.AXES_LOCKOUT_TEMPLATE in [t.name for t in response.templates]
    assert 'name="password"' not in response.content.decode()
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()
    assert logged_in_user_id(client) is None
    assert AccessAttempt.objects.get(username="kari").failures_since_start >= limit
    assert_redirects_to_login(client.get(MY_DAY_URL), MY_DAY_URL)


def test_failed_attempts_below_the_limit_still_let_the_right_password_in(client, specialist):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "kari", "wrong-password")

    response = login(client, "kari", PASSWORD)

    assert response.status_code == 302
    assert logged_in_user_id(client) == str(specialist.pk)
    # AXES_RESET_ON_SUCCESS: a successful login wipes the count of failures.
    assert not AccessAttempt.objects.filter(username="kari").exists()


def test_a_locked_user_name_does_not_lock_out_a_colleague(client, specialist):
    colleague = UserFactory(username="ola", is_job_specialist=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "kari", "wrong-password")

    response = login(client, "ola", PASSWORD)

    assert response.status_code == 302
    assert logged_in_user_id(client) == str(colleague.pk)


# --- idle timeout ----------------------------------------------------------------------------


def test_the_session_lives_for_the_idle_minutes_and_is_renewed_by_the_middleware():
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60
    # Not a write on every request: SessionRenewalMiddleware renews it once a minute at most.
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    assert settings.SESSION_RENEW_SECONDS == 60
    assert "placetrain.accounts.middleware.SessionRenewalMiddleware" in settings.MIDDLEWARE


@pytest.mark.parametrize(("env", "minutes"), [(None, 30), ("10", 10)])
def test_the_idle_timeout_is_30_minutes_unless_the_environment_says_otherwise(env, minutes):
    environ = {k: v for k, v in os.environ.items() if k != "SESSION_IDLE_MINUTES"}
    if env is not None:
        environ["SESSION_IDLE_MINUTES"] = env
    code = (
        "import placetrain.settings as s; "
        "print(s.SESSION_IDLE_MINUTES, s.SESSION_COOKIE_AGE, s.SESSION_RENEW_SECONDS)"
    )

    result = subprocess.run(
        [sys.executable, "-c", code],
        env=environ,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )

    assert result.stdout.split() == [str(minutes), str(minutes * 60), "60"]


def _renewed_long_ago(session_key: str) -> None:
    store = SessionStore(session_key=session_key)
    store[SessionRenewalMiddleware.KEY] = 0
    store.save()


def _set_expiry(session_key: str, expire_date: dt.datetime) -> None:
    assert Session.objects.filter(pk=session_key).update(expire_date=expire_date) == 1


def test_a_session_idle_past_its_expiry_is_logged_out(client, specialist):
    login(client, "kari", PASSWORD)
    session_key = client.session.session_key
    _set_expiry(session_key, timezone.now() - dt.timedelta(seconds=1))

    response = client.get(MY_DAY_URL)

    assert_redirects_to_login(response, MY_DAY_URL)
    assert logged_in_user_id(client) is None


def test_a_request_pushes_the_expiry_a_full_idle_period_ahead(client, specialist):
    login(client, "kari", PASSWORD)
    session_key = client.session.session_key
    _renewed_long_ago(session_key)  # the last renewal more than the interval ago
    _set_expiry(session_key, timezone.now() + dt.timedelta(minutes=1))

    before = timezone.now()
    response = client.get(MY_DAY_URL)

    assert response.status_code == 200
    expires = Session.objects.get(pk=session_key).expire_date
    idle = dt.timedelta(minutes=settings.SESSION_IDLE_MINUTES)
    assert before + idle - dt.timedelta(seconds=5) <= expires <= timezone.now() + idle
    assert response.cookies[settings.SESSION_COOKIE_NAME].value == session_key


def test_requests_within_the_renewal_interval_write_no_session(client, specialist):
    login(client, "kari", PASSWORD)  # logging in renews it
    session_key = client.session.session_key
    soon = timezone.now() + dt.timedelta(minutes=5)
    _set_expiry(session_key, soon)

    response = client.get(MY_DAY_URL)

    assert response.status_code == 200
    assert Session.objects.get(pk=session_key).expire_date == soon  # not written
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_a_request_after_the_renewal_interval_renews_the_session(client, specialist):
    login(client, "kari", PASSWORD)
    session_key = client.session.session_key
    _renewed_long_ago(session_key)
    _set_expiry(session_key, timezone.now() + dt.timedelta(minutes=5))

    response = client.get(MY_DAY_URL)

    expires = Session.objects.get(pk=session_key).expire_date
    idle = dt.timedelta(minutes=settings.SESSION_IDLE_MINUTES)
    assert expires >= timezone.now() + idle - dt.timedelta(seconds=5)
    assert response.cookies[settings.SESSION_COOKIE_NAME].value == session_key


def test_an_anonymous_visit_writes_no_session(client, db):
    response = client.get(LOGIN_URL)

    assert response.status_code == 200
    assert not Session.objects.exists()


# --- language ---------------------------------------------------------------------------------


def test_the_interface_is_in_norwegian_bokmal_by_default(client, specialist):
    assert html_lang(client.get(LOGIN_URL)) == "nb"

    login(client, "kari", PASSWORD)

    assert html_lang(client.get(MY_DAY_URL)) == "nb"


def test_a_user_who_picks_english_gets_english_on_the_next_page(client, specialist):
    client.force_login(specialist)
    preferences = reverse("accounts:preferences-update")
    assert 'name="language"' in client.get(preferences).content.decode()

    response = client.post(preferences, {"language": "en"})

    assert response.status_code == 302
    specialist.refresh_from_db()
    assert specialist.language == "en"
    response = client.get(MY_DAY_URL)
    assert html_lang(response) == "en"
    assert response["Content-Language"] == "en"


def test_the_login_page_offers_a_switch_to_english(client, db):
    set_language = reverse("set_language")
    switch = parse(client.get(LOGIN_URL)).form(action=set_language)
    assert switch.get("method") == "post"
    assert switch.select("button[name=language][value=en]")

    response = client.post(set_language, {"language": "en", "next": LOGIN_URL})

    assert response.status_code == 302
    assert response["Location"] == LOGIN_URL
    english = client.get(LOGIN_URL)
    assert html_lang(english) == "en"
    # ... and from English, the switch offers bokmål back.
    assert parse(english).form(action=set_language).select("button[name=language][value=nb]")
