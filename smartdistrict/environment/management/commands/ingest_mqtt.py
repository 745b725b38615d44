"""Subscribe to station readings over MQTT and store them (runs until stopped)."""

import logging
import signal

from django.core.management.base import BaseCommand

from smartdistrict.environment.ingestion.mqtt import MqttConfig, Subscriber


class Command(BaseCommand):
    help = ("Subscribe (QoS 1, persistent session) to <prefix>/stations/+/readings and store "
            "each message before acknowledging it. Stops on SIGTERM/SIGINT.")

    def add_arguments(self, parser):
        parser.add_argument("--host", help="broker host (default: ENVIRONMENT_MQTT_HOST)")
        parser.add_argument("--port", type=int, help="broker port (ENVIRONMENT_MQTT_PORT)")
        parser.add_argument("--prefix", help="topic prefix (ENVIRONMENT_MQTT_TOPIC_PREFIX)")
        parser.add_argument("--client-id", help="MQTT client id (ENVIRONMENT_MQTT_CLIENT_ID)")
        parser.add_argument("--max-messages", type=int, help="stop after this many messages")
        parser.add_argument("--seconds", type=float, help="stop after this many seconds")
        parser.add_argument("--report-every", type=float, default=60.0,
                            help="seconds between count lines in the log")

    def handle(self, *args, host=None, port=None, prefix=None, client_id=None,
               max_messages=None, seconds=None, report_every=60.0, **options):
        logging.getLogger("smartdistrict.environment").setLevel(logging.INFO)
        config = MqttConfig.from_settings(host=host, port=port, prefix=prefix,
                                          client_id=client_id)
        subscriber = Subscriber(config=config, report_every=report_every)
        previous = {signum: signal.signal(signum, lambda *_: subscriber.stop())
                    for signum in (signal.SIGTERM, signal.SIGINT)}
        self.stderr.write(f"subscribing to {config.subscription} on {config.host}:{config.port} "
                          f"as {config.client_id}")
        try:
            counts = subscriber.run(max_messages=max_messages, seconds=seconds)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        self.stdout.write(counts.line())
