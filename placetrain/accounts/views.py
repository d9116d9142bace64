from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import services
from .forms import PreferencesForm
from .http import AuthenticatedRequest


@login_required
@require_http_methods(["GET", "POST"])
def preferences_update(request: AuthenticatedRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = services.preferences_update(
            user=request.user, language=form.cleaned_data["language"]
        )
        translation.activate(user.language)
        messages.success(request, _("Your preferences are saved."))
        return redirect("accounts:preferences-update")
    return render(request, "accounts/preferences.html", {"form": form})
