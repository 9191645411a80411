"""Open data exports of a published plan: CSV files described by a Frictionless data package
(``datapackage.json`` with a Table Schema per file), and the same package as one JSON file."""
