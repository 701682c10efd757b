"""The output steps: check a rendered document (accessibility), then write it safely."""
