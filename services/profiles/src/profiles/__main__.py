from eventkit.cli import run_cli
from profiles.bootstrap import bootstrap

run_cli(bootstrap)
