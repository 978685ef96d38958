[pytest]
testpaths = tests
pythonpath = .
addopts = -q
