from django.urls import include, path
from rest_framework.routers import DefaultRouter

from refapp.api import InvitationViewSet

router = DefaultRouter()
router.include_format_suffixes = False  # as authentik/api/v3/urls.py
router.register("stages/invitation/invitations", InvitationViewSet)

urlpatterns = [path("api/v3/", include(router.urls))]
