"""Account pages Ladder adds beside allauth's: the profile, the data download, account deletion."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from people import personal_data, services
from people.forms import DeleteAccountForm, ProfileForm
from people.models import Profile


def _own_profile(user) -> Profile | None:
    return Profile.objects.select_related("neighbourhood__locality", "organisation").filter(user=user).first()


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """Show the person's account and profile, and let them change the profile."""
    own_profile = _own_profile(request.user)
    if own_profile is not None and not request.user.has_perm("people.change_profile", own_profile):
        raise PermissionDenied
    if request.method == "POST":
        form = ProfileForm(request.POST, profile=own_profile)
        if form.is_valid():
            form.save_profile(request.user)
            messages.success(request, "Your profile has been saved.")
            return redirect("people:profile")
    else:
        form = ProfileForm(profile=own_profile)
    return render(
        request,
        "people/profile.html",
        {"form": form, "profile": own_profile, "is_staff_member": services.is_staff_member(request.user)},
    )


@login_required
@require_http_methods(["GET"])
def download_personal_data(request):
    """Send everything the site holds about the person as a JSON file."""
    if not request.user.has_perm("people.download_personal_data"):
        raise PermissionDenied
    data = {"generated_at": timezone.now(), **personal_data.collect(request.user)}
    response = HttpResponse(
        json.dumps(data, cls=personal_data.PersonalDataEncoder, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="ladder-personal-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    """Ask for the password, then delete the account and sign the person out."""
    if not request.user.has_perm("people.delete_account"):
        raise PermissionDenied
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.delete_account(user)
        messages.success(
            request, "Your account has been deleted. Anything you posted now shows as from a deleted account."
        )
        return redirect("/")
    return render(request, "people/delete_account.html", {"form": form})
