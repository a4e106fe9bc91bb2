"""The pk a POST creates: uuid4 as authentik's model default, unless the request named it (``X-Reference-New-Pk``,
see refapp.reference)."""
import contextvars
import uuid

NEW_PK = contextvars.ContextVar("reference_new_pk", default=None)


def new_invite_uuid():
    """The model default of ``invite_uuid``."""
    pk = NEW_PK.get()
    return uuid.UUID(pk) if pk else uuid.uuid4()
