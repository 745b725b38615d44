"""Every write to the environment app goes through these services: the HTTP API, MQTT,
file uploads, FIWARE, commands and the demo all call the same functions.

- reference: the parameter catalogue (parameters_load)
- stations: data providers and stations (provider_upsert, station_upsert)
- tokens: ingest tokens (ingest_token_create, ingest_token_revoke, ingest_token_check)
- parsing: raw row → validated reading or rejection (pure, no database)
- ingest: storing a batch atomically and idempotently (readings_ingest)
"""
