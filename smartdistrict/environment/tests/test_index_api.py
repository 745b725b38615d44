"""POST /api/v1/environment/wqi: the index with its working, errors in the project's shape."""

import json
from math import sqrt

import pytest
from django.urls import reverse

URL = "/api/v1/environment/wqi"
ISSUE_SAMPLE = {"pH": 7.1, "DO": 5.2, "temperature": 29.5, "BOD5": 8, "COD": 20,
                "N-NH4": 0.9, "P-PO4": 0.3, "Coliform": 4600}


def post(client, body, **headers):
    return client.post(URL, json.dumps(body), content_type="application/json", **headers)


def test_route_name():
    assert reverse("environment-wqi") == URL


def test_the_issue_sample_by_hand(client):
    # DO_sat(29.5) = 14.652 − 0.41022·29.5 + 0.0079910·29.5² − 0.000077774·29.5³ = 7.508037
    saturation = 14.652 - 0.41022 * 29.5 + 0.0079910 * 29.5**2 - 0.000077774 * 29.5**3
    percent = 5.2 / saturation * 100  # = 69.2591 %
    q = {
        "pH": 100,  # 6 ≤ 7.1 ≤ 8.5
        "DO": (50 - 75) * (75 - percent) / (75 - 50) + 75,  # 50 < 69.26 % < 75 → 69.2591
        "BOD5": (75 - 50) * (15 - 8) / (15 - 6) + 50,  # = 69.4444
        "COD": (75 - 50) * (30 - 20) / (30 - 15) + 50,  # = 66.6667
        "N-NH4": 25,  # 0.9 = BP4
        "P-PO4": 50,  # 0.3 = BP3
        "Coliform": (100 - 75) * (5000 - 4600) / (5000 - 2500) + 75,  # = 79
    }
    mean_iv = (q["DO"] + q["BOD5"] + q["COD"] + 25 + 50) / 5  # = 56.0740
    raw = 1 * 1 * 1 * sqrt(mean_iv * 79)  # groups II, III absent → 1; = √4429.85 = 66.557
    assert round(raw, 2) == 66.56

    response = post(client, {"parameters": ISSUE_SAMPLE})
    assert response.status_code == 200
    body = response.json()
    assert body["vn_wqi"] == 67
    assert body["band"]["name_vi"] == "Trung bình" and body["band"]["rgb"] == [255, 255, 0]
    assert body["sub_indices"] == pytest.approx({k: round(v, 4) for k, v in q.items()})
    assert body["groups"]["IV"]["value"] == pytest.approx(mean_iv, abs=1e-4)
    assert body["groups"]["II"] == {"parameters": [], "aggregate": "geometric_mean",
                                    "value": None, "factor": 1.0}
    assert body["do_percent"] == pytest.approx(percent, abs=1e-4)
    assert body["missing"] == [] and body["raw"] == pytest.approx(raw, abs=1e-4)
    assert body["options"] == {"core": "square_root", "on_breakpoint": "higher_q"}


def test_options(client):
    body = post(client, {"parameters": ISSUE_SAMPLE, "options": {"core": "weighted"}}).json()
    assert body["options"]["core"] == "weighted"
    mean_iv = body["groups"]["IV"]["value"]
    assert body["core"] == pytest.approx((mean_iv**2 * 79) ** (1 / 3), abs=1e-3)
    bad = post(client, {"parameters": ISSUE_SAMPLE, "options": {"core": "cubic"}},
               HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400
    assert bad.json() == {"detail": "core must be one of: square_root, weighted.",
                          "code": "invalid_option", "field": "options.core"}


def test_missing_data_is_an_answer_not_an_error(client):
    sample = {"pH": 7.0, "DO": 6.0, "BOD5": 5, "Coliform": 3000}
    body = post(client, {"parameters": sample}).json()
    assert body["vn_wqi"] is None and body["band"] is None
    (missing,) = body["missing"]
    assert (missing["rule"], missing["needed"], missing["given"]) == ("group_iv", 3, 1)
    assert missing["candidates"][:2] == ["temperature", "COD"]
    assert missing["message"].startswith("Nhóm IV (hữu cơ và dinh dưỡng) cần ít nhất 3")
    assert body["unused"][0]["parameter"] == "DO"
    english = post(client, {"parameters": sample}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["missing"][0]["message"].startswith("Group IV (organic matter and nutrients)")


def test_a_bad_value_is_a_400_naming_the_field_in_vietnamese_or_english(client):
    sample = {**ISSUE_SAMPLE, "BOD5": -3}
    response = post(client, {"parameters": sample})
    assert response.status_code == 400
    assert response.json() == {"detail": "BOD5 phải là một số không âm; giá trị nhận được: -3.",
                               "code": "invalid_value", "field": "BOD5"}
    english = post(client, {"parameters": sample}, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["detail"] == "BOD5 must be a number, zero or more; got -3."


@pytest.mark.parametrize(("body", "field", "code"), [
    ({"parameters": {"BOD": 3}}, "BOD", "unknown_parameter"),
    ({"parameters": {"pH": "7"}}, "pH", "invalid_value"),
    ({"parameters": {"temperature": 80}}, "temperature", "invalid_value"),
    ({"parameters": [7.1]}, "parameters", "invalid"),
    ({"sample": {}}, "parameters", "invalid"),
    ([1, 2], None, "body_not_object"),
])
def test_malformed_bodies(client, body, field, code):
    response = post(client, body, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert response.json().get("field") == field


def test_non_finite_json_is_refused_by_the_parser(client):
    response = client.post(URL, '{"parameters": {"COD": NaN}}', content_type="application/json")
    assert response.status_code == 400 and "JSON" in response.json()["detail"]


def test_the_schema_describes_the_operation(client):
    schema = client.get(reverse("api-schema"), HTTP_ACCEPT="application/json").json()
    operation = schema["paths"][URL]["post"]
    assert operation["operationId"] == "environment_wqi"
    assert set(operation["responses"]) == {"200", "400"}
