"""The language each person last used, by email address, for the emails sent to them later."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AddressLanguage(models.Model):
    """A person's language, where it is not the site's default.

    Written when they do something that sends them an email (signing, answering, following)
    on a page in another language, and read when the site writes to them later: a digest, a
    petition's response, a debate. Erased with everything else held about the address.
    """

    address = models.CharField(_("email address"), max_length=254, unique=True)
    language = models.CharField(_("language"), max_length=15)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("language of an email address")
        verbose_name_plural = _("languages of email addresses")

    def __str__(self) -> str:
        return self.language
