from tests.core.test_tasks_and_settings import townhall


def test_email_url_configures_smtp(tmp_path):
    result = townhall(
        "shell",
        "-c",
        "from django.conf import settings as s;"
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS)",
        SECRET_KEY="x",
        TOWNHALL_DATA_DIR=str(tmp_path),
        EMAIL_URL="smtp+tls://user:pw@smtp.example.org:587",
    )
    assert "smtp.EmailBackend smtp.example.org 587 True" in result.stdout, result.stderr


def test_without_email_url_mail_goes_to_the_outbox(tmp_path):
    result = townhall(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.EMAIL_BACKEND)",
        SECRET_KEY="x",
        TOWNHALL_DATA_DIR=str(tmp_path),
        EMAIL_URL="",
    )
    assert "townhall.core.mail.OutboxBackend" in result.stdout, result.stderr
