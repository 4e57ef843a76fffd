"""Contract checks of the SDK and the sandbox against the OpenAPI document (Prism, Schemathesis)."""
