"""POST data that an admin form would accept for an object, built from the form itself.

Permission tests must send a *valid* form: an invalid one changes nothing whatever the permissions, and a test
that passes because the form was wrong proves nothing.
"""

from django.contrib import admin
from django.test import RequestFactory


def admin_form_data(model_admin: admin.ModelAdmin, obj, user, **overrides) -> dict:
    """The current values of `obj` in every editable field of its admin form, as a browser would post them, with
    `overrides`. The fields are those of the form with `user`'s read-only fields left out, but not narrowed to
    what `user` may change: a replayed request carries them all."""
    request = RequestFactory().get("/")
    request.user = user
    form = model_admin.get_form(request, obj)(instance=obj)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, (list, tuple)):
            data[name] = [str(getattr(v, "pk", v)) for v in value]
        else:
            data[name] = str(getattr(value, "pk", value))
    data.update(overrides)
    return data
