"""Ingestion sources: each turns its own payload (a JSON batch, an MQTT message, a CSV or
Excel file, a FIWARE NGSI-LD entity) into raw rows, and all of them store through the one
service, services.ingest.readings_ingest. The sources are listed in registry.py."""
