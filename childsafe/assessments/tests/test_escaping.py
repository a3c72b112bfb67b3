"""Whatever a practitioner types, of any length or with any markup, is stored as typed (or refused in plain words)
and shown escaped."""

from __future__ import annotations

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from childsafe.assessments import services
from childsafe.assessments.models import Assessment
from childsafe.assessments.tests.conftest import VOICE, child_of, instrument

MARKUP = st.sampled_from(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "&lt;b&gt;", '"><svg/onload=1>'])
TEXT = st.one_of(st.text(min_size=1, max_size=300), st.tuples(st.text(max_size=50), MARKUP).map("".join))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=TEXT)
def test_a_childs_words_are_kept_exactly_and_shown_escaped(a_case, allocated_worker, client_for, words):
    client = client_for(allocated_worker)
    assessment = services.start_assessment(a_case, instrument(VOICE), subject=child_of(a_case), by=allocated_worker)
    url = reverse("assessments:answer", args=[a_case.pk, assessment.pk])
    response = client.post(url, {"action": "draft", "worries": words})
    assessment = Assessment.objects.get(pk=assessment.pk)
    page = client.get(url).content.decode()
    if response.status_code == 302:
        assert assessment.answers.get("worries", "") == words.strip()
    else:
        assert "must not contain hidden control characters" in response.content.decode()
        assert assessment.answers == {}
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "<svg/onload" not in page
