"""Environment pages: the public station map, a station's charts and exports, and the
staff's open alerts. Thin views; reads in queries.py, presentation in presenters.py."""
