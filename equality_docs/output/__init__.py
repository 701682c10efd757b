"""The output steps: check a rendered document (accessibility), convert it to PDF, then write it safely."""
