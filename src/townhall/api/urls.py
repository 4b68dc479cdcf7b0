from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import ValidationError

from townhall.api.consultations import router as consultations
from townhall.api.content import router as content
from townhall.api.council import router as council
from townhall.api.datasets import router as datasets
from townhall.api.democracy import router as democracy
from townhall.api.filtering import BadFilter
from townhall.api.grants import router as grants
from townhall.api.petitions import router as petitions


class TownhallAPI(NinjaAPI):
    """The API, whose every operation that takes parameters documents the 400 it answers
    when they are not valid (django-ninja itself would answer 422, undocumented)."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        problem = {"$ref": "#/components/schemas/Problem"}
        for operations in schema["paths"].values():
            for operation in operations.values():
                # django-ninja keys the responses it declares by number (400), JSON by
                # text: both spellings are one key once written, and a repeated key in the
                # document stops Swagger UI reading it (its YAML parser refuses them).
                declared = {str(status) for status in operation["responses"]}
                if operation.get("parameters") and "400" not in declared:
                    operation["responses"].setdefault(
                        "400",
                        {
                            "description": _(
                                "A parameter is not valid: the detail says which and why"
                            ),
                            "content": {"application/json": {"schema": problem}},
                        },
                    )
        return schema


api = TownhallAPI(
    title=gettext_lazy("Townhall public API"),
    version="1",
    description=gettext_lazy(
        "Public facts about organisations and what they publish (news, events, joint "
        "statements, aims with every version kept, grant schemes and awards in the 360Giving "
        "shape), petitions (counts, states, thresholds, responses and "
        "signatures by ward) and the council's record (committees, meetings, decisions, "
        "programmes with their figures, and contracts; councillors, their interests and "
        "recorded votes as Popolo shapes, residents' published questions, the forward plan "
        "and spending over £500), datasets with their limits and observations, and "
        "consultations with their questions and published results. No personal data is ever "
        "included: councillors appear only in their public roles. Every listing is a page of "
        "`{items, count}` with `limit` (up to 200) and `offset`; filters naming nothing known "
        "answer 400 with the field and the reason. Every answer carries an ETag and a "
        "Last-Modified (ask again with If-None-Match or If-Modified-Since for a 304) and "
        "allows any origin to read it (CORS)."
    ),
    urls_namespace="public-api",
)


@api.exception_handler(ValidationError)
def invalid_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """400 with each parameter's problem in words, as the decisions filters answer."""
    problems = "; ".join(
        f"{error['loc'][-1]}: {error['msg']}" if error.get("loc") else error["msg"]
        for error in exc.errors
    )
    return api.create_response(request, {"detail": problems}, status=400)


@api.exception_handler(BadFilter)
def filter_names_nothing(request: HttpRequest, exc: BadFilter) -> HttpResponse:
    """400 for a filter naming no organisation or ward: the field and the reason."""
    return api.create_response(request, {"detail": str(exc)}, status=400)


api.add_router("/", content)
api.add_router("/", petitions)
api.add_router("/", council)
api.add_router("/", democracy)
api.add_router("/", datasets)
api.add_router("/", consultations)
api.add_router("/", grants)

urlpatterns = [path("api/", api.urls)]
