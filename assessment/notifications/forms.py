from django import forms


class PreferenceForm(forms.Form):
    email_enabled = forms.BooleanField(label="接收邮件通知", required=False)
