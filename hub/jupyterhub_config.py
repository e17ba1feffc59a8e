"""JupyterHub for a Closer cohort on one server (see course/facilitator_guide.ipynb).

Each learner logs in, nbgitpuller pulls the course into their home folder (as ~/closer)
and the welcome notebook opens. nbgrader's exchange folder is shared by everyone on the
server, so the Assignments tab lets learners fetch exercises and hand them in.

Everything a deployment usually changes is an environment variable:

  CLOSER_REPO        the course repository nbgitpuller pulls (default: the canonical one)
  CLOSER_BRANCH      its branch (default: main)
  CLOSER_HUB_URL     where the hub listens (default: http://:8000; put TLS in front)
  CLOSER_FACILITATORS  comma-separated facilitator user names: they can see who is on the
                       hub and start or stop servers, but cannot open a learner's server
  CLOSER_ADMINS        the hub's operators (full access, learners' files included)
  CLOSER_LEARNERS      comma-separated learner user names (system accounts, for PAM)

For a local trial or a test, CLOSER_HUB_AUTH=dummy and CLOSER_HUB_SPAWNER=simple run every
user under the hub's own account in a folder of their own (CLOSER_HUB_HOMES), with one
shared password (CLOSER_HUB_PASSWORD). Never use that mode for real learners.

Run:  jupyterhub -f hub/jupyterhub_config.py   (configurable-http-proxy must be on PATH)
"""

import os
from urllib.parse import quote, urlencode

c = get_config()  # provided by traitlets when JupyterHub loads this file

REPO = os.environ.get("CLOSER_REPO", "https://github.com/closer-course/closer")
BRANCH = os.environ.get("CLOSER_BRANCH", "main")
FOLDER = os.environ.get("CLOSER_FOLDER", "closer")
WELCOME = f"lab/tree/{FOLDER}/course/00_welcome.ipynb"

c.JupyterHub.bind_url = os.environ.get("CLOSER_HUB_URL", "http://:8000")


# --- who can log in -------------------------------------------------------------------
def _names(variable: str) -> set[str]:
    return {u.strip() for u in os.environ.get(variable, "").split(",") if u.strip()}


admins, facilitators, learners = (
    _names("CLOSER_ADMINS"),
    _names("CLOSER_FACILITATORS"),
    _names("CLOSER_LEARNERS"),
)
if os.environ.get("CLOSER_HUB_AUTH") == "dummy":
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = os.environ["CLOSER_HUB_PASSWORD"]
    c.Authenticator.allow_all = True
else:
    c.JupyterHub.authenticator_class = "pam"
    c.Authenticator.allowed_users = learners | facilitators | admins
c.Authenticator.admin_users = admins
# Facilitators are not hub admins: JupyterHub's admin role may open any user's server, and
# with it a learner's private journal. This role manages servers without entering them.
c.JupyterHub.load_roles = [
    {
        "name": "facilitator",
        "description": "See learners and start or stop their servers, without opening them",
        "scopes": ["admin-ui", "list:users", "read:users", "admin:servers"],
        "users": sorted(facilitators),
    }
]

# --- where each learner's server runs ----------------------------------------------------
if os.environ.get("CLOSER_HUB_SPAWNER") == "simple":
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(os.environ["CLOSER_HUB_HOMES"], "{username}")
    if os.getuid() == 0:  # a throwaway container: servers run as the hub's (root) account
        c.Spawner.args = ["--ServerApp.allow_root=True"]
else:
    c.JupyterHub.spawner_class = "localprocess"  # each learner as their own system account
c.Spawner.default_url = "/git-pull?" + urlencode(
    {"repo": REPO, "branch": BRANCH, "targetpath": FOLDER, "urlpath": WELCOME}, quote_via=quote
)
# Learners' journals stay in their own home (the Jupyter data folder), outside ~/closer.
c.Spawner.environment = {"CLOSER_COURSE_FOLDER": FOLDER}
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120

# Idle servers are stopped by the hub's own settings, not by learners losing work: the
# journal is saved as they go, so nothing is lost when a server stops.
c.JupyterHub.shutdown_on_logout = False
