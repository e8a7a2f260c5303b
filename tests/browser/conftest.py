from tests.kernel.conftest import halab_jupyter_path  # noqa: F401 - the same HA Lab kernelspec fixture
