"""Repository-wide pytest setup: every test that needs infrastructure gets the REAL Kafka
broker and PostgreSQL (started by devstack's harness when not given by the environment).
Infrastructure that cannot be started is an error, never a skip."""

pytest_plugins = ["devstack.pytest_plugin"]
