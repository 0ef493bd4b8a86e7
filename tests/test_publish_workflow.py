"""The GitHub Pages workflow does what the README says: it runs the README's test command, builds
with the README's build command for the Pages address, and deploys with the official actions pinned
by commit, on the default token alone. The commands are read from the README, so a README change
the workflow does not follow fails here. No browser, no build: this reads two files."""
from __future__ import annotations

import ast
import re

import pytest
import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
README = ROOT / "README.md"
SHA_PIN = re.compile(r"^\s*(?:-\s+)?uses:\s+(actions/[\w.-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+\s*$")

# The events a run can come from, as the expressions in the workflow see them.
PUSH_MAIN = {"ref": "refs/heads/main", "event_name": "push"}
DISPATCH_MAIN = {"ref": "refs/heads/main", "event_name": "workflow_dispatch"}
PULL_REQUEST = {"ref": "refs/pull/7/merge", "event_name": "pull_request"}
OTHER_PULL_REQUEST = {"ref": "refs/pull/8/merge", "event_name": "pull_request"}
DISPATCH_BRANCH = {"ref": "refs/heads/topic", "event_name": "workflow_dispatch"}


# --- reading the README ---------------------------------------------------------------------------

def readme_section(title: str) -> str:
    """The text under `## title`, up to the next `## ` heading."""
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def fenced_lines(section: str) -> list[str]:
    """The lines of every ```sh block in a section."""
    blocks = re.findall(r"^```sh\n(.*?)^```", section, re.M | re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def readme_test_command() -> str:
    """Of the README's two commands, the one whose comment says it runs every test."""
    commands = [re.match(r"(.+?)\s+#\s*(.*)", line).groups() for line in fenced_lines(readme_section("Two commands"))]
    assert len(commands) == 2, f"'Two commands' shows {len(commands)} commands"
    testing = [command for command, note in commands if "runs every test" in note]
    assert len(testing) == 1, f"no single command in 'Two commands' says it runs every test: {commands}"
    return testing[0]


def readme_build_command() -> tuple[str, str]:
    """The manual build in 'Publishing', `SITE_URL=<address> make build`: (variable, command)."""
    builds = [m.groups() for line in fenced_lines(readme_section("Publishing"))
              if (m := re.fullmatch(r"([A-Z_]+)=\S+\s+(.+)", line))]
    assert len(builds) == 1, f"'Publishing' should show one build with its address, found {builds}"
    return builds[0]


# --- reading the workflow -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 reads the bare key `on` as the boolean true.
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps_using(job: dict, action: str) -> list[tuple[int, dict]]:
    return [(i, step) for i, step in enumerate(job["steps"]) if step.get("uses", "").split("@")[0] == action]


def one_step_using(job: dict, action: str) -> tuple[int, dict]:
    found = steps_using(job, action)
    assert len(found) == 1, f"expected one step using {action}, found {len(found)}"
    return found[0]


def steps_running(job: dict, command: str) -> list[tuple[int, dict]]:
    return [(i, step) for i, step in enumerate(job["steps"]) if step.get("run", "").strip() == command]


def evaluate(expression: str | bool | None, github: dict, workflow_name: str = "") -> object:
    """The value of an Actions expression for a run from `github` (ref, event_name). Only the part
    of the language a workflow condition needs is accepted (string literals, ==, !=, &&, ||, !,
    format()); anything else fails loudly rather than being guessed at."""
    if expression is None or isinstance(expression, bool):
        return True if expression is None else expression
    source = expression.strip()
    if source.startswith("${{") and source.endswith("}}"):
        source = source[3:-2]
    source = (source.replace("&&", " and ").replace("||", " or ")
              .replace("github.ref", "ref").replace("github.event_name", "event_name")
              .replace("github.workflow", "workflow"))
    source = re.sub(r"!(?!=)", " not ", source)
    tree = ast.parse(source.strip(), mode="eval")
    allowed = (ast.Expression, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.Compare, ast.Eq,
               ast.NotEq, ast.Constant, ast.Name, ast.Load, ast.Call)
    for node in ast.walk(tree):
        assert isinstance(node, allowed), f"the test cannot evaluate {expression!r} ({type(node).__name__})"
        if isinstance(node, ast.Call):
            assert isinstance(node.func, ast.Name) and node.func.id == "format", f"unknown function in {expression!r}"
    names = {"ref": github["ref"], "event_name": github["event_name"], "workflow": workflow_name,
             "format": lambda template, *args: template.format(*args)}
    return eval(compile(tree, "<expression>", "eval"), {"__builtins__": {}}, names)


# --- the tests ------------------------------------------------------------------------------------

def test_runs_on_push_to_main_by_hand_and_for_pull_requests(workflow):
    on = workflow["on"]
    assert on["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in on
    assert set(on) <= {"push", "workflow_dispatch", "pull_request"}, f"unexpected triggers: {set(on)}"
    # pull_request_target would run with the base repository's token: never here.
    assert "pull_request" not in on or on["pull_request"] == {"branches": ["main"]}


def test_each_job_has_only_the_permissions_it_needs(workflow):
    assert workflow["permissions"] == {}, "nothing by default; each job names its own"
    jobs = workflow["jobs"]
    assert set(jobs) == {"build", "deploy"}
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_no_secret_and_no_token_of_its_own(workflow):
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "secrets." not in text
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            assert "token" not in step.get("with", {}), f"{step.get('name')} passes a token: the default one is enough"
        assert "credentials" not in (job.get("container") or {})


def test_every_action_is_pinned_to_a_commit_with_its_release_in_a_comment(workflow):
    text = WORKFLOW.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
    loose = [line.strip() for line in lines if not SHA_PIN.match(line)]
    assert not loose, f"pin each action by its 40-hex commit with '# vX.Y.Z' after it: {loose}"
    used = [step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert len(used) == len(lines) == 4
    assert {u.split("@")[0] for u in used} == {"actions/checkout", "actions/configure-pages",
                                               "actions/upload-pages-artifact", "actions/deploy-pages"}


def test_build_job_runs_in_debian_12_as_root_with_a_real_clone(workflow):
    build = workflow["jobs"]["build"]
    container = build["container"]
    image = container if isinstance(container, str) else container["image"]
    assert image == "debian:12"
    options = "" if isinstance(container, str) else container.get("options", "")
    assert "--user" not in options and "-u " not in options, "make test installs Chromium as root"
    assert 45 <= build["timeout-minutes"] <= 120, "the suite alone takes about 35 minutes on 2 cores"

    checkout_at, checkout = one_step_using(build, "actions/checkout")
    installs = [(i, s) for i, s in enumerate(build["steps"]) if "apt-get install" in s.get("run", "")]
    assert len(installs) == 1
    install_at, install = installs[0]
    assert install_at < checkout_at, "git must be there before checkout, or it downloads a tarball with no .git"
    packages = set(install["run"].split())
    assert {"git", "make", "python3", "python3-venv", "ca-certificates"} <= packages
    assert checkout.get("with", {}).get("fetch-depth") == 0, "tests may build an older commit from history"

    trusted = [i for i, s in enumerate(build["steps"])
               if re.search(r'git config --global --add safe\.directory "\$GITHUB_WORKSPACE"', s.get("run", ""))]
    first_make = min(i for i, s in enumerate(build["steps"]) if s.get("run", "").strip().startswith("make "))
    assert len(trusted) == 1 and checkout_at < trusted[0] < first_make


def test_runs_the_readme_test_command_on_every_run(workflow):
    build = workflow["jobs"]["build"]
    command = readme_test_command()
    found = steps_running(build, command)
    assert len(found) == 1, f"no step runs the README's test command exactly: {command!r}"
    _, step = found[0]
    for run in (PUSH_MAIN, DISPATCH_MAIN, PULL_REQUEST, DISPATCH_BRANCH):
        assert evaluate(step.get("if"), run), f"the tests are skipped for {run}"
    assert not step.get("env"), "the tests run as the README runs them"


def test_builds_with_the_readme_command_for_the_pages_address(workflow):
    build = workflow["jobs"]["build"]
    variable, command = readme_build_command()
    found = steps_running(build, command)
    assert len(found) == 1, f"no step runs the README's build command exactly: {command!r}"
    build_at, step = found[0]
    pages_at, pages = one_step_using(build, "actions/configure-pages")
    test_at, _ = steps_running(build, readme_test_command())[0]
    assert test_at < pages_at < build_at, "test, then find the address, then build"
    # configure-pages gives base_url without its trailing slash; SITE_URL is a folder's address.
    assert step["env"] == {variable: "${{ steps.%s.outputs.base_url }}/" % pages["id"]}


def test_uploads_site_then_deploys_it(workflow):
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    build_at, _ = steps_running(build, readme_build_command()[1])[0]
    upload_at, upload = one_step_using(build, "actions/upload-pages-artifact")
    assert build_at < upload_at
    assert upload["with"]["path"].rstrip("/") == "site"

    assert deploy["needs"] in ("build", ["build"])
    _, deployment = one_step_using(deploy, "actions/deploy-pages")
    assert len(deploy["steps"]) == 1
    # Both default to the artifact name "github-pages"; if one is renamed, the other must follow.
    uploaded = upload.get("with", {}).get("name", "github-pages")
    assert deployment.get("with", {}).get("artifact_name", "github-pages") == uploaded
    assert deploy["environment"] == {"name": "github-pages",
                                     "url": "${{ steps.%s.outputs.page_url }}" % deployment["id"]}
    assert deploy["timeout-minutes"] <= 30


@pytest.mark.parametrize("run, publishes", [(PUSH_MAIN, True), (DISPATCH_MAIN, True), (PULL_REQUEST, False),
                                            (DISPATCH_BRANCH, False)],
                         ids=["push to main", "by hand on main", "pull request", "by hand on a branch"])
def test_only_main_publishes_and_then_all_of_it(workflow, run, publishes):
    """A run either finds the address, builds, uploads and deploys, or does none of it: a pull
    request is tested but never replaces the site."""
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    publishing = [one_step_using(build, "actions/configure-pages")[1],
                  steps_running(build, readme_build_command()[1])[0][1],
                  one_step_using(build, "actions/upload-pages-artifact")[1]]
    decisions = [bool(evaluate(step.get("if"), run)) for step in publishing] + [bool(evaluate(deploy.get("if"), run))]
    assert decisions == [publishes] * 4


def test_deployments_queue_and_are_never_cancelled(workflow):
    concurrency = workflow["concurrency"]
    name = workflow["name"]
    group = lambda run: evaluate(concurrency["group"], run, name)
    cancels = lambda run: bool(evaluate(concurrency.get("cancel-in-progress", False), run, name))
    assert group(PUSH_MAIN) == group(DISPATCH_MAIN) == "pages"
    assert not cancels(PUSH_MAIN) and not cancels(DISPATCH_MAIN), "a deployment is never stopped half-way"
    # A pull request's run must not wait behind, or displace, a deployment waiting in 'pages'.
    assert group(PULL_REQUEST) != "pages" and group(PULL_REQUEST) != group(OTHER_PULL_REQUEST)
    assert cancels(PULL_REQUEST), "a new push to a pull request stops its stale run"
