"""Every query lives here, one module per resource. Repositories flush; the request commits."""
