"""The browser front end, served by the service itself."""
