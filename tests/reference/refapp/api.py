"""Serializers and viewset, as authentik 2024.6 declares them (SPEC.md Part B)."""
from typing import Any

from django.db import models
from rest_framework.fields import JSONField
from rest_framework.serializers import ModelSerializer as BaseModelSerializer
from rest_framework.serializers import Serializer, ValidationError
from rest_framework.viewsets import ModelViewSet

from refapp.models import Invitation


# authentik/core/api/utils.py
def is_dict(value: Any):
    """Ensure a value is a dictionary, useful for JSONFields"""
    if isinstance(value, dict):
        return
    raise ValidationError("Value must be a dictionary, and not have any duplicate keys.")


class JSONDictField(JSONField):
    """JSON Field which only allows dictionaries"""

    default_validators = [is_dict]


class ModelSerializer(BaseModelSerializer):
    """authentik's ModelSerializer: maps models.JSONField to JSONDictField.

    Its update() only differs from DRF's for many-to-many fields, which Invitation has none of.
    """

    serializer_field_mapping = BaseModelSerializer.serializer_field_mapping.copy()
    serializer_field_mapping[models.JSONField] = JSONDictField


# Read-only nested serializers: the reference echoes the objects it was given.
class FlowSerializer(Serializer):
    def to_representation(self, instance):
        return instance.api


class GroupMemberSerializer(Serializer):
    def to_representation(self, instance):
        return instance.api


# authentik/stages/invitation/api.py
class InvitationSerializer(ModelSerializer):
    """Invitation Serializer"""

    created_by = GroupMemberSerializer(read_only=True)
    fixed_data = JSONDictField(required=False)
    flow_obj = FlowSerializer(read_only=True, required=False, source="flow")

    class Meta:
        model = Invitation
        fields = [
            "pk",
            "name",
            "expires",
            "fixed_data",
            "created_by",
            "single_use",
            "flow",
            "flow_obj",
        ]


# authentik's also has UsedByMixin's used_by action, search_fields and filterset_fields (not here).
class InvitationViewSet(ModelViewSet):
    """Invitation Viewset"""

    queryset = Invitation.objects.all()
    serializer_class = InvitationSerializer
    ordering = ["-expires"]

    def perform_create(self, serializer: InvitationSerializer):
        serializer.save(created_by=self.request.user)
