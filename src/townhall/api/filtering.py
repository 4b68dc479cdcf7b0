"""The filters every listing of public things shares: by organisation (its slug), by ward
(its name or ONS code) and from and to a date. A filter naming nothing known answers 400
with the field and the reason, as a malformed one does, rather than an empty page that
looks like "none"."""

from dataclasses import dataclass

from django.db.models import DateTimeField, Q
from django.utils.translation import gettext as _
from ninja import Schema

from townhall.api.schemas import FilterText, IsoDate
from townhall.core.models import Organisation, Ward


class BadFilter(Exception):
    """A filter that is well formed but names nothing: answered 400 (api.urls)."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")


class OrganisationFilter(Schema):
    organisation: FilterText | None = None  # an organisation's slug


class OrganisationAndDates(OrganisationFilter):
    date_from: IsoDate | None = None
    date_to: IsoDate | None = None


class WhereAndWhen(OrganisationAndDates):
    ward: FilterText | None = None  # a ward's name or ONS code


@dataclass(frozen=True)
class Scope:
    organisation: Organisation | None
    ward: Ward | None
    date_from: object
    date_to: object


def organisation_named(slug: str | None) -> Organisation | None:
    if not slug:
        return None
    found = Organisation.objects.select_related("home_page").filter(slug=slug).first()
    if found is None:
        raise BadFilter("organisation", _("no organisation has the slug %(slug)r") % {"slug": slug})
    return found


def ward_named(name_or_code: str | None) -> Ward | None:
    if not name_or_code:
        return None
    found = Ward.objects.filter(Q(name__iexact=name_or_code) | Q(code__iexact=name_or_code)).first()
    if found is None:
        raise BadFilter("ward", _("no ward has the name or code %(name)r") % {"name": name_or_code})
    return found


def scope(filters: Schema) -> Scope:
    """The filters read and checked: the organisation and ward they name, and the dates."""
    date_from, date_to = getattr(filters, "date_from", None), getattr(filters, "date_to", None)
    if date_from and date_to and date_to < date_from:
        raise BadFilter("date_to", _("must not be before date_from"))
    return Scope(
        organisation=organisation_named(filters.organisation),
        ward=ward_named(getattr(filters, "ward", None)),
        date_from=date_from,
        date_to=date_to,
    )


def dated(queryset, field: str, where: Scope):
    """Only the rows whose `field` (a date or a moment) falls from and to the scope's dates."""
    lookup = f"{field}__date" if _is_moment(queryset, field) else field
    if where.date_from:
        queryset = queryset.filter(**{f"{lookup}__gte": where.date_from})
    if where.date_to:
        queryset = queryset.filter(**{f"{lookup}__lte": where.date_to})
    return queryset


def _is_moment(queryset, field: str) -> bool:
    return isinstance(queryset.model._meta.get_field(field), DateTimeField)
