"""authentik's list pagination (its own module: DRF reads the setting naming it while
refapp.api is being imported)."""
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


# authentik/api/pagination.py (2024.6), rewritten from what it answers: DRF's page-number
# pagination (?page=, ?page_size= without a cap, PAGE_SIZE 100) with a "pagination" object of
# numbers, 0 where there is no next or previous page.
class Pagination(PageNumberPagination):
    page_query_param = "page"
    page_size_query_param = "page_size"

    def get_paginated_response(self, data):
        page = self.page
        info = {
            "next": page.next_page_number() if page.has_next() else 0,
            "previous": page.previous_page_number() if page.has_previous() else 0,
            "count": page.paginator.count,
            "current": page.number,
            "total_pages": page.paginator.num_pages,
            "start_index": page.start_index(),
            "end_index": page.end_index(),
        }
        return Response({"pagination": info, "results": data})
