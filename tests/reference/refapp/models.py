"""Models declared as authentik 2024.6 declares them (SPEC.md Part B), plus echo columns."""
from uuid import uuid4

from django.db import models

from refapp.pgemu import check_jsonb_storable, jsonb_roundtrip
from refapp.newpk import new_invite_uuid


class Flow(models.Model):
    """authentik's Flow: only the uuid pk matters; ``api`` is the FlowSerializer object to echo."""

    flow_uuid = models.UUIDField(primary_key=True, editable=False, default=uuid4)
    api = models.JSONField(null=True)

    class Meta:
        app_label = "refapp"


class User(models.Model):
    """authentik's User: ``api`` is the GroupMemberSerializer object to echo."""

    id = models.IntegerField(primary_key=True)
    api = models.JSONField(null=True)

    class Meta:
        app_label = "refapp"


class PostgresJSONField(models.JSONField):
    """JSONField that fails at save the way PostgreSQL jsonb does (SPEC §4).

    jsonb rejects U+0000 and lone surrogates in any string or key; psycopg raises
    DataError, which nothing handles, so the request ends in a 500.
    """

    def get_db_prep_value(self, value, connection, prepared=False):
        check_jsonb_storable(value)
        return super().get_db_prep_value(value, connection, prepared)

    def from_db_value(self, value, expression, connection):
        # What jsonb gives back when the row is read again (a GET after a PATCH, PUT or POST).
        value = super().from_db_value(value, expression, connection)
        return None if value is None else jsonb_roundtrip(value)


class Invitation(models.Model):
    """authentik/stages/invitation/models.py Invitation(SerializerModel, ExpiringModel)."""

    # ExpiringModel (authentik/core/models.py, 2024.6)
    expires = models.DateTimeField(default=None, null=True)
    expiring = models.BooleanField(default=True)

    # authentik: default=uuid4; the harness's default is uuid4 too unless the request names the pk.
    invite_uuid = models.UUIDField(primary_key=True, editable=False, default=new_invite_uuid)
    name = models.SlugField()
    flow = models.ForeignKey(Flow, default=None, null=True, on_delete=models.SET_DEFAULT)
    single_use = models.BooleanField(default=False)
    created_by = models.ForeignKey(User, on_delete=models.CASCADE)
    fixed_data = PostgresJSONField(default=dict, blank=True)

    class Meta:
        app_label = "refapp"
