from eventkit.cli import run_cli
from notifications.bootstrap import bootstrap

run_cli(bootstrap)
