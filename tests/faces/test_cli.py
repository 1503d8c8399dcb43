import io
import json
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from innovplan.faces._cli import main


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_report_table_of_the_shipped_plan():
    code, out, err = run("report")
    assert code == 0, err
    assert "Key Points of Science and Technology Innovation Work in Wuhan in 2023" in out
    assert "T10" in out
    assert "ACHIEVED" in out


def test_version_prints_the_package_version_and_exits_0(capsys):
    import innovplan

    code, _, err = run("--version")
    assert code == 0, err
    assert capsys.readouterr().out.strip() == f"innovplan {innovplan.__version__}"


def test_report_json(tmp_path):
    code, out, _ = run("report", "--format", "json", "--as-of", "2023-08-06")
    assert code == 0
    doc = json.loads(out)
    assert doc["as_of"] == "2023-08-06"
    t8 = next(r for r in doc["targets"] if r["target"] == "T8")
    # The headline is the band of P(met), above 0.66 with 2022's ">12,000" as a
    # floor: on track, as eurostat's grade beside it.
    assert t8["status"] == "on_track"
    assert t8["progress"]["status"] == "on_track"
    assert t8["forecast"]["probability"] > 0.66
    assert doc["rollup"][0]["kind"] == "plan"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_report_json_is_the_reports_own_document(lang):
    from innovplan import datasets, evaluate

    report = evaluate(datasets.wuhan_2023(), datasets.wuhan_2023_observations(), as_of="2023-08-06")
    code, out, err = run("report", "--format", "json", "--as-of", "2023-08-06", "--lang", lang)
    assert code == 0, err
    assert out == report.to_json(lang=lang) + "\n"


def test_report_csv_into_a_directory(tmp_path):
    code, out, _ = run("report", "--format", "csv", "--out", str(tmp_path))
    assert code == 0
    text = (tmp_path / "report.csv").read_text(encoding="utf-8")
    header = text.splitlines()[0].split(",")
    assert header[:3] == ["target", "goal", "goal_title"]
    assert "likelihood" in header
    assert len(text.splitlines()) == 23  # the header and the plan's 22 targets
    assert "report.csv" in out


def test_report_html_is_one_file_with_its_plots_inside(tmp_path):
    import base64

    code, out, err = run(
        "report", "--format", "html", "--out", str(tmp_path), "--as-of", "2023-08-06"
    )
    assert code == 0, err
    assert "as of 2023-08-06" in out
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    srcs: list[str] = []

    class Imgs(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "img":
                srcs.append(dict(attrs)["src"])

    Imgs().feed(page)
    # Nothing but the page is written: it can be mailed as one file.
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    assert len(srcs) >= 2
    for src in srcs:
        head, _, data = src.partition(",")
        assert head == "data:image/png;base64"
        assert base64.b64decode(data)[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_html_without_matplotlib_writes_nothing(tmp_path, monkeypatch):
    # None in sys.modules makes any import of the name fail, as a missing package does.
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    target = tmp_path / "out"
    code, _, err = run("report", "--format", "html", "--out", str(target))
    assert code == 2
    assert "matplotlib" in err
    assert not target.exists()


def test_report_html_evaluates_once_and_plots_the_reports_forecasts(tmp_path, monkeypatch):
    import importlib

    ev = importlib.import_module("innovplan.evaluate")  # the package, not the function
    calls = []
    real = ev.evaluate

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    def refuse(*args, **kwargs):
        raise AssertionError("the plots must draw the forecasts the report holds")

    monkeypatch.setattr(ev, "evaluate", counted)
    monkeypatch.setattr(ev, "forecast", refuse)
    monkeypatch.setattr(ev, "forecast_many", refuse)
    code, _, err = run(
        "report", "--format", "html", "--out", str(tmp_path), "--as-of", "2023-08-06"
    )
    assert code == 0, err
    assert len(calls) == 1


def test_report_of_a_plan_file_with_observations(tmp_path):
    from innovplan import datasets, dump, dump_observations

    plan_file = tmp_path / "plan.json"
    obs_file = tmp_path / "obs.csv"
    dump(datasets.wuhan_2023(), plan_file)
    dump_observations(datasets.wuhan_2023_observations(), obs_file)
    code, out, _ = run("report", str(plan_file), "--observations", str(obs_file), "--lang", "zh",
                       "--format", "json")  # fmt: skip
    assert code == 0
    doc = json.loads(out)
    assert doc["plan"] == "wuhan-2023-sti"
    assert (
        next(r for r in doc["targets"] if r["target"] == "T10")["wording"]
        == "技术合同成交额突破1450亿元"
    )


def test_parse_text_and_json():
    code, out, _ = run("parse", "技术合同成交额突破1450亿元", "--year", "2023")
    assert code == 0
    assert out.startswith("tech_contract_turnover: ")
    code, out, _ = run(
        "parse", "高新技术企业突破13000家", "--deadline", "2023-12-31", "--format", "json"
    )
    assert code == 0
    doc = json.loads(out)
    assert doc[0]["target"]["comparator"] == "more_than"
    assert doc[0]["indicator"]["unit"] == "enterprise"


def test_parse_without_a_year_says_how_to_give_one():
    code, out, err = run("parse", "技术合同成交额突破1450亿元")
    assert code == 2
    assert out == ""
    assert "--year" in err
    assert "Traceback" not in err


def test_parse_without_a_target():
    code, _, err = run(
        "parse", "accelerate the construction of the innovation centre", "--year", "2023"
    )
    assert code == 2
    assert "no quantified target" in err


def test_validate_good_and_bad(tmp_path):
    from innovplan import datasets, dump

    good = tmp_path / "plan.json"
    dump(datasets.wuhan_2023(), good)
    code, out, _ = run("validate", str(good))
    assert code == 0
    assert "valid plan 'wuhan-2023-sti' — 4 goals, 22 targets" in out
    bad = tmp_path / "bad.json"
    bad.write_text(
        good.read_text(encoding="utf-8").replace('"more_than"', '"morethan"', 1), encoding="utf-8"
    )
    code, out, err = run("validate", str(bad))
    assert code == 2
    assert "comparator" in err
    assert "morethan" in err
    assert "Traceback" not in err


def test_validate_recognises_observation_files(tmp_path):
    from innovplan import datasets, dump_observations

    obs = datasets.wuhan_2023_observations()
    n = len(obs)
    k = len({o.indicator for o in obs})
    for suffix in ("json", "yaml", "toml", "csv"):
        path = tmp_path / f"obs.{suffix}"
        dump_observations(obs, path)
        code, out, err = run("validate", str(path))
        assert code == 0, (suffix, err)
        assert f"valid observations — {n} observations of {k} indicators" in out, suffix
    # A broken observation file names its problem, as a plan file does.
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "indicator,period_start,period_end,value,unit\nx,2023-01-01,2023-12-31,abc,yuan\n"
    )
    code, _, err = run("validate", str(bad))
    assert code == 2
    assert "abc" in err
    # --kind overrides the guess: this plan file read as observations fails as such.
    plan = tmp_path / "plan.json"
    from innovplan import dump

    dump(datasets.wuhan_2023(), plan)
    code, _, err = run("validate", "--kind", "observations", str(plan))
    assert code == 2


def test_schema():
    code, out, _ = run("schema")
    assert code == 0
    assert "properties" in json.loads(out)


def test_forecast_text_json_and_plot(tmp_path):
    code, out, _ = run("forecast", "--target", "T8", "--as-of", "2023-01-29")
    assert code == 0
    assert out.startswith("T8 at 2023-12-31: ")
    png = tmp_path / "t10.png"
    code, out, _ = run("forecast", "--target", "T10", "--as-of", "2023-01-29", "--format", "json",
                       "--plot", str(png))  # fmt: skip
    assert code == 0
    doc = json.loads(out)
    assert doc["target_id"] == "T10"
    assert doc["point"]["unit"] == "hundred_million_yuan"
    assert 0 <= doc["probability"] <= 1
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_forecast_json_is_the_forecasts_own_document():
    from innovplan import datasets
    from innovplan.evaluate import forecast_many
    from innovplan.io import results_schema

    plan, obs = datasets.wuhan_2023(), datasets.wuhan_2023_observations()
    code, out, err = run("forecast", "--target", "T8", "--as-of", "2023-08-06", "--format", "json")
    assert code == 0, err
    own = forecast_many([plan.target("T8")], obs, as_of="2023-08-06")[0]
    assert out == own.to_json() + "\n"
    doc = json.loads(out)
    assert doc["kind"] == "forecast"
    assert doc["target_id"] == "T8"
    import jsonschema

    jsonschema.Draft202012Validator(results_schema()).validate(doc)


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["forecast", "--target", "T99"], "no target with id 'T99'"),
        (["forecast", "--target", "T8", "--method", "crystal-ball"], "crystal-ball"),
        (["report", "--as-of", "2023-13-01"], "is not a date"),
        (["report", "no/such/plan.json"], "cannot open"),
        (["report", "--format", "pdf"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
        ([], "required"),
    ],
)
def test_bad_input_exits_2_with_one_paragraph(argv, needle):
    code, _, err = run(*argv)
    assert code == 2
    assert needle in err
    assert err.startswith("innovplan")
    assert "Traceback" not in err
    assert err.count("\n") == 1


def test_internal_errors_exit_1(monkeypatch):
    import innovplan.faces._cli as cli

    def boom(*_a):
        raise ZeroDivisionError("oops")

    monkeypatch.setitem(cli._COMMANDS, "schema", boom)
    code, _, err = run("schema")
    assert code == 1
    assert "internal error" in err
    assert "ZeroDivisionError" in err


def test_help_exits_0(capsys):
    assert main(["--help"]) == 0
    assert "report" in capsys.readouterr().out


def subprocess_run(*argv):
    code = "import sys; from innovplan.faces._cli import main; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True,  # noqa: S603
                          check=False, encoding="utf-8")  # fmt: skip


def test_exit_codes_in_a_process():
    ok = subprocess_run("schema")
    assert ok.returncode == 0
    assert ok.stdout.startswith("{")
    bad = subprocess_run("validate", "no/such/file.yaml")
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
