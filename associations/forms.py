from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Report


class ReportForm(forms.ModelForm):
    """ "Report a problem with this information", with a honeypot for spam robots."""

    # Hidden from people by the stylesheet; robots that fill every field fill it too.
    homepage = forms.CharField(required=False, label=_("Leave this field empty"))

    class Meta:
        model = Report
        fields = ["topic", "detail", "email"]
        widgets = {"detail": forms.Textarea(attrs={"rows": 4, "maxlength": 2000})}

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("homepage"))
